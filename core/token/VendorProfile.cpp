#include "token/VendorProfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace certdesk::token {

namespace {

bool wildcardMatches(const QStringList& patterns, const QString& text)
{
    if (text.isEmpty())
        return false;
    for (const QString& pattern : patterns) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern),
            QRegularExpression::CaseInsensitiveOption);
        if (re.match(text).hasMatch())
            return true;
    }
    return false;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        if (item.isString())
            out.append(item.toString());
    return out;
}

// "0x80008102" (or decimal); JSON numbers cannot be written in hex and lose nothing below 2^53 either way.
std::optional<quint64> code(const QJsonValue& value, bool* ok)
{
    *ok = true;
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    // A PKCS#11 code is a CK_ULONG, an unsigned long: 32 bits on Windows (LLP64), so a larger number names no
    // key type or mechanism there and is refused rather than cut short.
    constexpr quint64 largest = std::numeric_limits<unsigned long>::max();
    if (value.isDouble()) {
        const double number = value.toDouble();
        *ok = number >= 0 && number <= double(largest) && number == std::floor(number);
        return *ok ? std::optional<quint64>(quint64(number)) : std::nullopt;
    }
    const quint64 parsed = value.toString().toULongLong(ok, 0);
    *ok = *ok && parsed <= largest;
    if (!*ok)
        return std::nullopt;
    return parsed;
}

} // namespace

bool VendorProfile::matchesModule(const QString& moduleFileName) const
{
    return wildcardMatches(modulePatterns, moduleFileName);
}

bool VendorProfile::matchesManufacturer(const QString& manufacturerId) const
{
    return wildcardMatches(manufacturerPatterns, manufacturerId.trimmed());
}

VendorProfile VendorProfiles::generic()
{
    VendorProfile profile;
    profile.name = QStringLiteral("generic-ec");
    profile.displayName = QStringLiteral("SM2 stored as a CKK_EC key (generic)");
    profile.modulePatterns = {QStringLiteral("*")};
    profile.manufacturerPatterns = {QStringLiteral("*")};
    profile.keyType = 3; // CKK_EC
    profile.ecParams = true;
    profile.canSignSm2 = false;
    return profile;
}

TokenResult<VendorProfiles> VendorProfiles::fromJson(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (document.isNull() || !document.isObject())
        return tokenError(TokenStatus::InternalError,
            QStringLiteral("vendor profiles: not a JSON object: ") + parseError.errorString());
    VendorProfiles result;
    const QStringList commonPins = stringList(document.object().value(QLatin1String("factory_pins")));
    const QJsonArray entries = document.object().value(QLatin1String("profiles")).toArray();
    for (const QJsonValue& entryValue : entries) {
        const QJsonObject entry = entryValue.toObject();
        VendorProfile profile;
        profile.name = entry.value(QLatin1String("name")).toString();
        const QString where = QStringLiteral("vendor profile \"") + profile.name + QStringLiteral("\": ");
        if (profile.name.isEmpty())
            return tokenError(
                TokenStatus::InternalError, QStringLiteral("vendor profiles: an entry without a name"));
        profile.displayName = entry.value(QLatin1String("display_name")).toString(profile.name);
        profile.modulePatterns = stringList(entry.value(QLatin1String("module_patterns")));
        profile.manufacturerPatterns = stringList(entry.value(QLatin1String("manufacturer_patterns")));
        profile.windowsModules = stringList(entry.value(QLatin1String("windows_modules")));
        profile.windowsLocations = stringList(entry.value(QLatin1String("windows_locations")));
        for (const QJsonValue& locationValue : entry.value(QLatin1String("windows_registry")).toArray()) {
            const QJsonObject location = locationValue.toObject();
            platform::RegistryLocation registry;
            registry.key = location.value(QLatin1String("key")).toString();
            registry.value = location.value(QLatin1String("value")).toString();
            const QString valueIs
                = location.value(QLatin1String("value_is")).toString(QStringLiteral("directory"));
            if (registry.key.isEmpty() || registry.value.isEmpty()
                || (valueIs != QLatin1String("directory") && valueIs != QLatin1String("file")))
                return tokenError(TokenStatus::InternalError,
                    where
                        + QStringLiteral(
                            "windows_registry needs key, value and value_is \"directory\" or \"file\""));
            registry.valueIsFile = valueIs == QLatin1String("file");
            registry.subdirectory = location.value(QLatin1String("subdirectory")).toString();
            profile.windowsRegistry.append(registry);
        }
        bool ok = true;
        const std::optional<quint64> keyType = code(entry.value(QLatin1String("key_type")), &ok);
        if (!ok || !keyType)
            return tokenError(TokenStatus::InternalError, where + QStringLiteral("bad key_type"));
        profile.keyType = *keyType;
        profile.ecParams = entry.value(QLatin1String("ec_params")).toBool(true);
        profile.keygenMechanism = code(entry.value(QLatin1String("keygen_mechanism")), &ok);
        if (!ok)
            return tokenError(TokenStatus::InternalError, where + QStringLiteral("bad keygen_mechanism"));
        profile.signMechanism = code(entry.value(QLatin1String("sign_mechanism")), &ok);
        if (!ok)
            return tokenError(TokenStatus::InternalError, where + QStringLiteral("bad sign_mechanism"));
        const QString takes
            = entry.value(QLatin1String("sign_takes")).toString(QStringLiteral("message_with_z"));
        if (takes == QLatin1String("message_with_z"))
            profile.signInput = Sm2SignInput::MessageWithZ;
        else if (takes == QLatin1String("digest_e"))
            profile.signInput = Sm2SignInput::DigestE;
        else
            return tokenError(TokenStatus::InternalError, where + QStringLiteral("bad sign_takes"));
        const QString encoding
            = entry.value(QLatin1String("signature_encoding")).toString(QStringLiteral("raw"));
        if (encoding == QLatin1String("raw"))
            profile.signatureEncoding = SignatureEncoding::Raw;
        else if (encoding == QLatin1String("der"))
            profile.signatureEncoding = SignatureEncoding::Der;
        else
            return tokenError(TokenStatus::InternalError, where + QStringLiteral("bad signature_encoding"));
        profile.canSignSm2 = entry.value(QLatin1String("can_sign_sm2")).toBool(false);
        profile.factoryPins = stringList(entry.value(QLatin1String("factory_pins")));
        for (const QString& pin : commonPins)
            if (!profile.factoryPins.contains(pin))
                profile.factoryPins.append(pin);
        if (profile.canSignSm2 && !profile.signMechanism)
            return tokenError(
                TokenStatus::InternalError, where + QStringLiteral("can_sign_sm2 without sign_mechanism"));
        result.m_profiles.append(profile);
    }
    return result;
}

const VendorProfiles& VendorProfiles::builtIn()
{
    static const VendorProfiles profiles = [] {
        QFile file(QStringLiteral(":/certdesk/tokens/vendor-profiles.json"));
        if (file.open(QIODevice::ReadOnly)) {
            TokenResult<VendorProfiles> parsed = fromJson(file.readAll());
            if (parsed)
                return std::move(parsed).value();
        }
        // The resource is part of the library: this only happens if the build is broken. Keep working with
        // the profile that never signs on the token.
        VendorProfiles fallback;
        fallback.m_profiles.append(generic());
        return fallback;
    }();
    return profiles;
}

std::optional<VendorProfile> VendorProfiles::byName(const QString& name) const
{
    for (const VendorProfile& profile : m_profiles)
        if (profile.name == name)
            return profile;
    return std::nullopt;
}

VendorProfile VendorProfiles::match(
    const QString& modulePath, const QString& tokenManufacturer, const QString& libraryManufacturer) const
{
    const QString fileName = QFileInfo(modulePath).fileName();
    for (const VendorProfile& profile : m_profiles)
        if (profile.matchesModule(fileName) || profile.matchesManufacturer(tokenManufacturer)
            || profile.matchesManufacturer(libraryManufacturer))
            return profile;
    return generic();
}

QString VendorProfiles::tokenDisplayName(const TokenInfo& token) const
{
    const VendorProfile profile = match(token.modulePath, token.manufacturer);
    if (profile.name != generic().name && !profile.displayName.isEmpty())
        return profile.displayName;
    // PKCS#11 pads manufacturerID and model with blanks (PKCS#11 v2.40 §3.2, CK_TOKEN_INFO).
    return QStringList({token.manufacturer.trimmed(), token.model.trimmed()})
        .filter(QRegularExpression(QStringLiteral("\\S")))
        .join(QLatin1Char(' '));
}

QStringList VendorProfiles::factoryPins(const TokenInfo& token) const
{
    return match(token.modulePath, token.manufacturer).factoryPins;
}

QStringList VendorProfiles::windowsModules() const
{
    QStringList names;
    for (const VendorProfile& profile : m_profiles)
        for (const QString& name : profile.windowsModules)
            if (!names.contains(name, Qt::CaseInsensitive))
                names.append(name);
    return names;
}

QStringList VendorProfiles::windowsModulePaths(
    const platform::Registry& registry, const platform::Environment& environment) const
{
    QStringList paths;
    for (const VendorProfile& profile : m_profiles) {
        for (const QString& name : profile.windowsModules) {
            const platform::ModuleLocationRule rule {name, profile.windowsLocations, profile.windowsRegistry};
            for (const QString& path : platform::moduleCandidates(rule, registry, environment))
                if (!paths.contains(path, Qt::CaseInsensitive))
                    paths.append(path);
        }
    }
    return paths;
}

} // namespace certdesk::token
