// A message shown in the bar at the top of the window: what just happened
// to something the user asked for (done, cancelled, refused, failed).
package org.upswap.ui;

record Notice(Kind kind, String text) {

    enum Kind {
        SUCCESS, INFO, ERROR
    }
}
