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
endif()
