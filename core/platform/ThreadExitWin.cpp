// ThreadExit on Windows (MinGW-w64): Qt's QRegularExpression without its JIT keeps no thread_local stack
// (qregularexpression.cpp, Qt 6.4: the JIT stack is created on a thread's first JIT match).
#include "platform/ThreadExit.h"

#include <QByteArray>
#include <QtGlobal>

namespace certdesk::platform {

void prepareThreadExit()
{
    if (!qEnvironmentVariableIsSet("QT_ENABLE_REGEXP_JIT"))
        qputenv("QT_ENABLE_REGEXP_JIT", QByteArrayLiteral("0"));
}

} // namespace certdesk::platform
