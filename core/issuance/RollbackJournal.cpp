#include "issuance/RollbackJournal.h"

#include "platform/UserLocations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace certdesk::issuance {

namespace {

QString className(token::ObjectClass objectClass)
{
    switch (objectClass) {
    case token::ObjectClass::Certificate:
        return QStringLiteral("certificate");
    case token::ObjectClass::PrivateKey:
        return QStringLiteral("private_key");
    case token::ObjectClass::PublicKey:
        return QStringLiteral("public_key");
    case token::ObjectClass::Data:
        return QStringLiteral("data");
    case token::ObjectClass::Other:
        break;
    }
    return QStringLiteral("other");
}

token::ObjectClass classFromName(const QString& name)
{
    if (name == QLatin1String("certificate"))
        return token::ObjectClass::Certificate;
    if (name == QLatin1String("private_key"))
        return token::ObjectClass::PrivateKey;
    if (name == QLatin1String("public_key"))
        return token::ObjectClass::PublicKey;
    if (name == QLatin1String("data"))
        return token::ObjectClass::Data;
    return token::ObjectClass::Other;
}

QJsonObject load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool save(const QString& path, const QJsonObject& root)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    return file.commit();
}

QList<token::ObjectRef> fromJson(const QJsonArray& array)
{
    QList<token::ObjectRef> refs;
    for (const QJsonValue& value : array) {
        const QJsonObject entry = value.toObject();
        token::ObjectRef ref {classFromName(entry.value(QLatin1String("class")).toString()),
            QByteArray::fromHex(entry.value(QLatin1String("id")).toString().toLatin1())};
        // An empty CKA_ID would match every object without an ID: never destroy by that.
        if (!ref.id.isEmpty() && !refs.contains(ref))
            refs.append(ref);
    }
    return refs;
}

QJsonArray toJson(const QList<token::ObjectRef>& refs)
{
    QJsonArray array;
    for (const token::ObjectRef& ref : refs)
        array.append(QJsonObject {{QStringLiteral("class"), className(ref.objectClass)},
            {QStringLiteral("id"), QString::fromLatin1(ref.id.toHex())}});
    return array;
}

} // namespace

RollbackJournal::RollbackJournal(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{ }

QString RollbackJournal::defaultPath()
{
    return platform::sharedUserDataDirectory() + QStringLiteral("/token-journal.json");
}

QString RollbackJournal::tokenKey(const token::TokenInfo& token)
{
    return QFileInfo(token.modulePath).fileName() + QLatin1Char('|') + token.serialNumber + QLatin1Char('|')
        + token.label;
}

QList<token::ObjectRef> RollbackJournal::pending(const QString& tokenKey) const
{
    return fromJson(load(m_path).value(QLatin1String("tokens")).toObject().value(tokenKey).toArray());
}

bool RollbackJournal::add(const QString& tokenKey, const QList<token::ObjectRef>& objects)
{
    QJsonObject root = load(m_path);
    QJsonObject tokens = root.value(QLatin1String("tokens")).toObject();
    QList<token::ObjectRef> refs = fromJson(tokens.value(tokenKey).toArray());
    for (const token::ObjectRef& ref : objects)
        if (!ref.id.isEmpty() && !refs.contains(ref))
            refs.append(ref);
    tokens.insert(tokenKey, toJson(refs));
    root.insert(QStringLiteral("tokens"), tokens);
    return save(m_path, root);
}

bool RollbackJournal::remove(const QString& tokenKey, const QList<token::ObjectRef>& objects)
{
    QJsonObject root = load(m_path);
    QJsonObject tokens = root.value(QLatin1String("tokens")).toObject();
    if (!tokens.contains(tokenKey))
        return true;
    QList<token::ObjectRef> refs = fromJson(tokens.value(tokenKey).toArray());
    for (const token::ObjectRef& ref : objects)
        refs.removeAll(ref);
    if (refs.isEmpty())
        tokens.remove(tokenKey);
    else
        tokens.insert(tokenKey, toJson(refs));
    root.insert(QStringLiteral("tokens"), tokens);
    return save(m_path, root);
}

bool RollbackJournal::clear(const QString& tokenKey)
{
    QJsonObject root = load(m_path);
    QJsonObject tokens = root.value(QLatin1String("tokens")).toObject();
    if (!tokens.contains(tokenKey))
        return true;
    tokens.remove(tokenKey);
    root.insert(QStringLiteral("tokens"), tokens);
    return save(m_path, root);
}

} // namespace certdesk::issuance
