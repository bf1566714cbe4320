# cmake -DSOURCE=<repo> -DWORK=<dir> -DTABLE=<as src/CMakeLists.txt passes it> -P check_modules_test.cmake
# The include check (cmake/CheckModules.cmake) on a copy of DESIGN.md and a small source tree:
# passes on a clean tree, fails on each kind of violation with a message naming it.
set(script ${SOURCE}/cmake/CheckModules.cmake)
# TABLE is the real build's table (src/CMakeLists.txt): module:dep,dep/module:...
string(REPLACE "/" ";" table "${TABLE}")
file(REMOVE_RECURSE ${WORK})

function(run_check name expect regex)
    execute_process(COMMAND ${CMAKE_COMMAND} -DSRC_DIR=${WORK}/${name}/src -DDESIGN=${WORK}/${name}/DESIGN.md
                            -DTABLE=${TABLE} -P ${script}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(expect STREQUAL "pass" AND NOT rc EQUAL 0)
        message(FATAL_ERROR "[${name}] the check failed on a clean tree:\n${out}")
    elseif(expect STREQUAL "fail")
        if(rc EQUAL 0)
            message(FATAL_ERROR "[${name}] the check passed, it should have failed with /${regex}/")
        elseif(NOT out MATCHES "${regex}")
            message(FATAL_ERROR "[${name}] the check failed, but not with /${regex}/:\n${out}")
        endif()
    endif()
    message(STATUS "[${name}] ${expect} as expected")
endfunction()

function(make_tree name)
    file(MAKE_DIRECTORY ${WORK}/${name}/src)
    file(COPY ${SOURCE}/DESIGN.md DESTINATION ${WORK}/${name})
    foreach(row ${table})
        string(REGEX REPLACE ":.*" "" m "${row}")
        file(WRITE ${WORK}/${name}/src/${m}/${m}.h "#pragma once\n#include <string>\n#include \"common/problem.h\"\n")
    endforeach()
endfunction()

make_tree(clean)
file(WRITE ${WORK}/clean/src/render/r.cpp "#include \"render/r.h\"\n#include \"geo/geo.h\"\n#include <glad/gl.h>\n")
file(WRITE ${WORK}/clean/src/ui/u.cpp "#include <imgui.h>\n#include \"document/document.h\"\n")
run_check(clean pass "")

make_tree(core_includes_ui)
file(WRITE ${WORK}/core_includes_ui/src/render/bad.cpp "#include \"ui/state.h\"\n")
run_check(core_includes_ui fail "src/render/bad.cpp: render may not include ui/state.h")

make_tree(render_includes_glfw)
file(WRITE ${WORK}/render_includes_glfw/src/render/bad.cpp "#  include <GLFW/glfw3.h>\n")
run_check(render_includes_glfw fail "render may not include <GLFW/glfw3.h>: GLFW is for app only")

make_tree(geo_includes_imgui_by_path)
file(WRITE ${WORK}/geo_includes_imgui_by_path/src/geo/bad.h "#include <imgui/imgui.h>\n")
run_check(geo_includes_imgui_by_path fail "geo may not include <imgui/imgui.h>: ImGui")

make_tree(ui_includes_glad)
file(WRITE ${WORK}/ui_includes_glad/src/ui/bad.cpp "#include <glad/gl.h>\n")
run_check(ui_includes_glad fail "ui may not include <glad/gl.h>")

make_tree(ui_includes_render)
file(WRITE ${WORK}/ui_includes_render/src/ui/bad.cpp "#include \"render/scene.h\"\n")
run_check(ui_includes_render fail "ui may not include render/scene.h")

make_tree(dotdot)
file(WRITE ${WORK}/dotdot/src/geo/bad.cpp "#include \"../ui/state.h\"\n")
run_check(dotdot fail "no \"\\.\\.\" in includes")

make_tree(unknown_folder)
file(MAKE_DIRECTORY ${WORK}/unknown_folder/src/extra)
run_check(unknown_folder fail "src/extra/ is not a module of the table")

make_tree(design_differs)
file(READ ${WORK}/design_differs/DESIGN.md d)
string(REGEX REPLACE "\\| `render` \\| `common`, `geo` \\|" "| `render` | `common`, `geo`, `ui` |" d2 "${d}")
if(d2 STREQUAL d)
    message(FATAL_ERROR "DESIGN.md has no row \"| `render` | `common`, `geo` |\" to alter")
endif()
file(WRITE ${WORK}/design_differs/DESIGN.md "${d2}")
run_check(design_differs fail "DESIGN.md says render may use \\[common, geo, ui\\], src/CMakeLists.txt says \\[common, geo\\]")

# Files in a module's subfolder (src/corpus/formats/) are held to the module's row too.
make_tree(subfolder_includes_other_module)
file(WRITE ${WORK}/subfolder_includes_other_module/src/corpus/formats/bad.cpp "#include \"gazetteer/gazetteer.h\"\n")
run_check(subfolder_includes_other_module fail "src/corpus/formats/bad.cpp: corpus may not include gazetteer/gazetteer.h")
