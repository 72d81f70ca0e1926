// The minisign program is not where it was looked for; a front end can add
// how to install it.
package org.upswap.publish;

public final class MinisignNotFoundException extends PublishException {

    public MinisignNotFoundException(String message) {
        super(message);
    }
}
