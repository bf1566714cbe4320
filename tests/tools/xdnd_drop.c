// A drag-and-drop source for the end-to-end tests: drops files on an X11 window through the
// XDND protocol (version 5), as a file manager does, so the window's real drop handling
// (GLFW's XDND code, then briefmap's drop callback) is what the test drives. xdotool cannot
// drag from another application. Usage: xdnd_drop WINDOW-ID X Y FILE... (X, Y: root coordinates).
// Exit status 0 when the target accepted and finished the drop.
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static Display* dpy;
static Atom a(const char* name) {
    return XInternAtom(dpy, name, False);
}

static void send(Window target, Atom type, long l0, long l1, long l2, long l3, long l4) {
    XEvent e;
    memset(&e, 0, sizeof e);
    e.xclient.type = ClientMessage;
    e.xclient.display = dpy;
    e.xclient.window = target;
    e.xclient.message_type = type;
    e.xclient.format = 32;
    e.xclient.data.l[0] = l0;
    e.xclient.data.l[1] = l1;
    e.xclient.data.l[2] = l2;
    e.xclient.data.l[3] = l3;
    e.xclient.data.l[4] = l4;
    XSendEvent(dpy, target, False, NoEventMask, &e);
    XFlush(dpy);
}

// The file paths as a text/uri-list (file:// URIs, reserved bytes percent-encoded).
static char* uri_list(int n, char** files) {
    size_t cap = 16;
    for (int i = 0; i < n; ++i) cap += 3 * strlen(files[i]) + 16;
    char* out = malloc(cap);
    char* p = out;
    for (int i = 0; i < n; ++i) {
        p += sprintf(p, "file://");
        for (const unsigned char* c = (const unsigned char*)files[i]; *c; ++c)
            if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                strchr("/-_.~", *c))
                *p++ = (char)*c;
            else
                p += sprintf(p, "%%%02X", *c);
        p += sprintf(p, "\r\n");
    }
    *p = 0;
    return out;
}

int main(int argc, char** argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: xdnd_drop WINDOW-ID X Y FILE...\n");
        return 2;
    }
    dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xdnd_drop: no display\n");
        return 2;
    }
    const Window target = (Window)strtoul(argv[1], NULL, 0);
    const int x = atoi(argv[2]), y = atoi(argv[3]);
    char* list = uri_list(argc - 4, argv + 4);
    const Window src = XCreateSimpleWindow(dpy, DefaultRootWindow(dpy), 0, 0, 1, 1, 0, 0, 0);
    const Atom selection = a("XdndSelection"), uri = a("text/uri-list");
    XSetSelectionOwner(dpy, selection, src, CurrentTime);
    send(target, a("XdndEnter"), (long)src, 5L << 24, (long)uri, 0, 0);
    send(target, a("XdndPosition"), (long)src, 0, (x << 16) | y, CurrentTime,
         (long)a("XdndActionCopy"));
    int accepted = -1, finished = 0;
    const time_t until = time(NULL) + 10;
    while (!finished && time(NULL) < until) {
        if (!XPending(dpy)) {
            struct timespec ts = {0, 10 * 1000 * 1000};
            nanosleep(&ts, NULL);
            continue;
        }
        XEvent e;
        XNextEvent(dpy, &e);
        if (e.type == ClientMessage && e.xclient.message_type == a("XdndStatus")) {
            if (accepted < 0) {
                accepted = (int)(e.xclient.data.l[1] & 1);
                if (!accepted) break;
                send(target, a("XdndDrop"), (long)src, 0, CurrentTime, 0, 0);
            }
        } else if (e.type == SelectionRequest) {
            // The target asks for the data: put the list on its property and say so.
            XSelectionRequestEvent* r = &e.xselectionrequest;
            XEvent reply;
            memset(&reply, 0, sizeof reply);
            reply.xselection.type = SelectionNotify;
            reply.xselection.requestor = r->requestor;
            reply.xselection.selection = r->selection;
            reply.xselection.target = r->target;
            reply.xselection.time = r->time;
            reply.xselection.property = None;
            if (r->target == uri) {
                XChangeProperty(dpy, r->requestor, r->property, uri, 8, PropModeReplace,
                                (unsigned char*)list, (int)strlen(list));
                reply.xselection.property = r->property;
            }
            XSendEvent(dpy, r->requestor, False, NoEventMask, &reply);
            XFlush(dpy);
        } else if (e.type == ClientMessage && e.xclient.message_type == a("XdndFinished")) {
            finished = 1;
        }
    }
    if (!finished)
        fprintf(stderr, "xdnd_drop: %s\n",
                accepted == 0 ? "the window refused the drop" : "no answer from the window");
    free(list);
    XCloseDisplay(dpy);
    return finished ? 0 : 1;
}
