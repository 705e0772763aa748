// ThreadExit on POSIX systems: glibc runs thread_local destructors before it frees a thread's storage.
#include "platform/ThreadExit.h"

namespace certdesk::platform {

void prepareThreadExit() { }

} // namespace certdesk::platform
