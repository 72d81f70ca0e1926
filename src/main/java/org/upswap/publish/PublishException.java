// A publish that could not be done; the message names the file and field.
package org.upswap.publish;

public class PublishException extends Exception {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
