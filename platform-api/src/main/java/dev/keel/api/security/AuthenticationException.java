package dev.keel.api.security;

/** The request carried credentials, and none of them proved who it is; answered with 401. */
public class AuthenticationException extends Exception {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
