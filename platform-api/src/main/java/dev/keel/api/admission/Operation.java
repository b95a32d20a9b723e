package dev.keel.api.admission;

/** The write an admission plugin is asked about. */
public enum Operation { CREATE, UPDATE, DELETE, CONNECT }
