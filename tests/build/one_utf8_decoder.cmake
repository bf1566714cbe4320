# cmake -DSOURCE=<repo> -P one_utf8_decoder.cmake
# Issue 12: one UTF-8 decoder for the whole program, common/utf8.h. Fails when another file of
# src/ decodes by hand: masks a byte against the continuation or payload bits (0xC0, 0x3F) or
# computes a sequence length from a lead byte (">= 0xF0 ?").
file(GLOB_RECURSE files ${SOURCE}/src/*.cpp ${SOURCE}/src/*.h)
set(found "")
foreach(f IN LISTS files)
    if(f MATCHES "/src/common/utf8\\.h$")
        continue()
    endif()
    file(STRINGS ${f} lines REGEX "&[ ]*0x[Cc]0[^0-9A-Fa-f]|&[ ]*0x3[Ff][^0-9A-Fa-f]|>=[ ]*0x[EeFf]0[ ]*\\?")
    foreach(l IN LISTS lines)
        string(APPEND found "\n  ${f}: ${l}")
    endforeach()
endforeach()
if(found)
    message(FATAL_ERROR "UTF-8 decoded by hand outside src/common/utf8.h (use bm::utf8):${found}")
endif()
message(STATUS "one UTF-8 decoder: src/common/utf8.h")
