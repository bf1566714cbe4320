#include "app/x11_key_times.h"

#include <X11/Xlibint.h>

// GLFW's native access (glfw3native.h), declared here: that header also wants XRandR's
// development headers, which nothing else needs.
extern "C" Display* glfwGetX11Display(void);

namespace bm::app {

namespace {

// Per keycode: the time given to its last press, and whether it was released since.
struct KeyTimes {
    unsigned long last_press[256] = {};
    bool released_since[256] = {};
    unsigned long on_event(bool press, unsigned keycode, unsigned long time);
};

unsigned long KeyTimes::on_event(bool press, unsigned keycode, unsigned long time) {
    if (keycode > 255) return time;
    if (!press) {
        released_since[keycode] = true;
        return time;
    }
    // Compared as GLFW does, modulo wrap-around: "not after" the last press.
    if (released_since[keycode] && last_press[keycode] != 0 &&
        (time - last_press[keycode] == 0 || time - last_press[keycode] >= (1ul << 31)))
        time = last_press[keycode] + 1;
    last_press[keycode] = time;
    released_since[keycode] = false;
    return time;
}

KeyTimes key_times;
using WireToEvent = Bool (*)(Display*, XEvent*, xEvent*);
WireToEvent xlib_press = nullptr, xlib_release = nullptr;

Bool on_press(Display* d, XEvent* re, xEvent* wire) {
    const Bool keep = xlib_press(d, re, wire);
    if (keep && re->type == KeyPress)
        re->xkey.time = key_times.on_event(true, re->xkey.keycode, re->xkey.time);
    return keep;
}

Bool on_release(Display* d, XEvent* re, xEvent* wire) {
    const Bool keep = xlib_release(d, re, wire);
    if (keep && re->type == KeyRelease) key_times.on_event(false, re->xkey.keycode, re->xkey.time);
    return keep;
}

}  // namespace

void separate_same_time_key_presses() {
    Display* d = glfwGetX11Display();
    if (!d || xlib_press) return;
    // Xlib's own converter for core events (_XWireToEvent) is what these wrap; XESetWireToEvent
    // takes the display's lock itself.
    xlib_press = XESetWireToEvent(d, KeyPress, on_press);
    xlib_release = XESetWireToEvent(d, KeyRelease, on_release);
}

}  // namespace bm::app
