#include "platform/FileAccess.h"

namespace certdesk::platform {

QString FileAccess::modeText() const
{
    return QString::number(mode & 07777, 8).rightJustified(4, QLatin1Char('0'));
}

} // namespace certdesk::platform
