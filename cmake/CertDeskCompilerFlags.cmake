# Compiler settings shared by every CertDesk target, applied through certdesk_set_target_options().
add_library(certdesk_options INTERFACE)
target_compile_definitions(certdesk_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)
if(MSVC)
    target_compile_options(certdesk_options INTERFACE /W4 /utf-8 /permissive-)
    if(CERTDESK_WERROR)
        target_compile_options(certdesk_options INTERFACE /WX)
    endif()
else()
    target_compile_options(certdesk_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(CERTDESK_WERROR)
        target_compile_options(certdesk_options INTERFACE -Werror)
    endif()
    if(CERTDESK_SANITIZE)
        target_compile_options(certdesk_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(certdesk_options INTERFACE -fsanitize=address,undefined)
    endif()
    if(CERTDESK_FUZZ)
        # Every library gets libFuzzer's coverage instrumentation (fuzzer-no-link); only the fuzz targets link
        # the libFuzzer main (fuzz/CMakeLists.txt). UBSan findings abort so that libFuzzer reports them.
        if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
            message(FATAL_ERROR "CERTDESK_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
        endif()
        target_compile_options(certdesk_options INTERFACE
            -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
        target_link_options(certdesk_options INTERFACE -fsanitize=address,undefined)
    endif()
endif()
