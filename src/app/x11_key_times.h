#pragma once
// GLFW 3.3 on X11 drops a key press whose X timestamp equals the previous press of the same
// key: it takes it for the copy an input method sends of one press. X timestamps count
// milliseconds, so two real presses in one millisecond (xdotool, a text expander, a remote
// desktop replaying keys) lose the second, and its release with it (three of four quick
// Backspaces in issue 17). This gives such a press, when a release of that key came between
// (an input method's copy has none), a timestamp one millisecond later, as Xlib reads it from
// the connection, before GLFW sees it.
namespace bm::app {

// Installs the correction on the display GLFW opened (no-op off X11). Call after glfwInit.
void separate_same_time_key_presses();

}  // namespace bm::app
