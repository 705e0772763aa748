#include "ProviderFiles.h"

#include "../ServiceOptions.h"

#include "platform/FileAccess.h"

#include <QFile>

namespace certdesk::server::providers {

QByteArray readProtectedFile(const QString& path, const QString& what, bool mustBePrivate)
{
    if (path.isEmpty())
        throw ConfigurationError(QStringLiteral("%1 is required").arg(what).toStdString());
    const platform::FileAccess access = platform::fileAccess(path);
    if (!access.exists)
        throw ConfigurationError(QStringLiteral("%1: %2 does not exist").arg(what, path).toStdString());
    if (mustBePrivate && access.openToOthers)
        throw ConfigurationError(
            QStringLiteral("%1: %2 can be read by other users; chmod 600 it").arg(what, path).toStdString());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ConfigurationError(QStringLiteral("%1: cannot read %2").arg(what, path).toStdString());
    return file.readAll();
}

pki::SecureBytes readSecretLine(const QString& path, const QString& what)
{
    QByteArray all = readProtectedFile(path, what, true);
    qsizetype length = 0;
    while (length < all.size() && all.at(length) != '\n' && all.at(length) != '\r')
        ++length;
    pki::SecureBytes line(QByteArrayView(all.constData(), length));
    OPENSSL_cleanse(all.data(), size_t(all.size()));
    if (line.isEmpty())
        throw ConfigurationError(QStringLiteral("%1: %2 is empty").arg(what, path).toStdString());
    return line;
}

} // namespace certdesk::server::providers
