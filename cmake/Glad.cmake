# Generates the glad 2 loader (OpenGL 3.3 core + EGL 1.5, with the built-in dlopen loader) into
# the build tree at configure time, from Debian's python3-glad. Nothing generated is committed.
find_program(GLAD_EXECUTABLE glad REQUIRED)
set(GLAD_DIR ${CMAKE_BINARY_DIR}/glad)
set(GLAD_ARGS --quiet --reproducible --api gl:core=3.3,egl=1.5 --out-path ${GLAD_DIR} c --loader)
if(NOT EXISTS ${GLAD_DIR}/src/gl.c OR NOT "${GLAD_ARGS}" STREQUAL "${GLAD_LAST_ARGS}")
    message(STATUS "Generating glad loader into ${GLAD_DIR}")
    execute_process(COMMAND ${GLAD_EXECUTABLE} ${GLAD_ARGS} RESULT_VARIABLE _glad_rc
                    OUTPUT_QUIET ERROR_VARIABLE _glad_err)
    if(NOT _glad_rc EQUAL 0)
        message(FATAL_ERROR "glad failed (${_glad_rc}): ${_glad_err}")
    endif()
    set(GLAD_LAST_ARGS "${GLAD_ARGS}" CACHE INTERNAL "")
endif()
add_library(glad STATIC ${GLAD_DIR}/src/gl.c ${GLAD_DIR}/src/egl.c)
target_include_directories(glad SYSTEM PUBLIC ${GLAD_DIR}/include)
target_link_libraries(glad PUBLIC ${CMAKE_DL_LIBS})
set_target_properties(glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
