#pragma once

// What a worker thread leaves behind when it ends. On Windows, MinGW-w64's emulated thread-local storage is
// freed before the destructors of C++ thread_local objects run (GCC bug 80816): a thread_local with a
// destructor reads freed memory when its thread exits. CertDesk's own thread_locals are therefore trivially
// destructible (a static_assert beside any of class type). Qt Core has one with a destructor, the PCRE2 JIT
// stack of QRegularExpression, made on a thread's first match when the JIT is on; so on Windows the JIT is
// turned off before the first pattern is compiled. docs/windows.md.

namespace certdesk::platform {

// Call first in main(), before any QRegularExpression is built. Nothing on POSIX systems; on Windows sets
// QT_ENABLE_REGEXP_JIT=0 unless the environment already decides.
void prepareThreadExit();

} // namespace certdesk::platform
