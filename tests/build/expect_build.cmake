# cmake -DBIN=<build dir> -DTARGET=<target> -DEXPECT=fail|pass [-DREGEX=<in the output>] -P expect_build.cmake
# Builds one probe target of tests/build/ and checks that it fails (with REGEX in the compiler or
# linker output, so that it fails for the reason the probe names) or that it builds.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BIN} --target ${TARGET}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXPECT STREQUAL "fail")
    if(rc EQUAL 0)
        message(FATAL_ERROR "${TARGET} built, but the module rules should have stopped it:\n${out}")
    endif()
    if(DEFINED REGEX AND NOT out MATCHES "${REGEX}")
        message(FATAL_ERROR "${TARGET} failed, but not with /${REGEX}/:\n${out}")
    endif()
    message(STATUS "${TARGET} failed as it should (/${REGEX}/)")
else()
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${TARGET} should build:\n${out}")
    endif()
    message(STATUS "${TARGET} built")
endif()
