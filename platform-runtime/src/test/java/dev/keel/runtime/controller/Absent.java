package dev.keel.runtime.controller;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A kind platform-api does not serve: its informer's list fails for ever, so it never syncs. */
@Group("absent.keel.dev")
@Version("v1")
public class Absent extends CustomResource<Void, Void> implements Namespaced {
}
