#include "ServerConfig.h"

#include "RevocationWebhook.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSet>
#include <QUrl>

#include <functional>
#include <type_traits>

namespace certdesk::server {

namespace {

struct Parser
{
    QString file;
    int line = 0;
    QString error;

    bool fail(const QString& message)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
        return false;
    }
};

// A relative path in the file is relative to the file's directory (not to wherever the service was started).
QString resolvePath(const QString& configPath, const QString& value)
{
    if (value.isEmpty() || QFileInfo(value).isAbsolute())
        return value;
    return QFileInfo(configPath).absoluteDir().absoluteFilePath(value);
}

bool parseKeyKind(Parser& p, const QString& value, bool allowNone, KeySource::Kind* kind)
{
    if (value == QLatin1String("file"))
        *kind = KeySource::Kind::File;
    else if (value == QLatin1String("pkcs11"))
        *kind = KeySource::Kind::Pkcs11;
    else if (allowNone && value == QLatin1String("none"))
        *kind = KeySource::Kind::None;
    else
        return p.fail(
            QStringLiteral("key_source must be %1, not \"%2\"")
                .arg(allowNone ? QStringLiteral("file, pkcs11 or none") : QStringLiteral("file or pkcs11"),
                    value));
    return true;
}

} // namespace

std::optional<ServerConfig> ServerConfig::load(const QString& path, QString* error)
{
    ServerConfig config;
    config.path = QFileInfo(path).absoluteFilePath();
    Parser p;
    p.file = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error
                = QStringLiteral("%1: cannot read the configuration file (%2)").arg(path, file.errorString());
        return std::nullopt;
    }

    using Setter = std::function<bool(const QString& value)>;
    const auto text = [](QString* target) {
        return [target](const QString& value) {
            *target = value;
            return true;
        };
    };
    // "credential:NAME" is the file NAME in $CREDENTIALS_DIRECTORY, where systemd puts what the unit's
    // LoadCredential= names (systemd.exec(5), "Credentials"): secrets reach the service without a copy
    // readable by its user outside the running unit.
    const auto pathValue = [&config, &p](QString* target) {
        return [&config, &p, target](const QString& value) {
            static const QLatin1String prefix("credential:");
            if (value.startsWith(prefix)) {
                const QString name = value.mid(prefix.size());
                const QString directory = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
                if (name.isEmpty() || name.contains(QLatin1Char('/')))
                    return p.fail(QStringLiteral("\"%1\" is not credential:NAME").arg(value));
                // Outside the unit (an operator's `legacy import --config`), commands that never read this
                // secret must still run: the path names the problem, and reading it fails with that name.
                *target = directory.isEmpty()
                    ? QStringLiteral("%1 (CREDENTIALS_DIRECTORY is not set: systemd sets it for a unit with "
                                     "LoadCredential=%2:FILE)")
                          .arg(value, name)
                    : QDir(directory).filePath(name);
                return true;
            }
            *target = resolvePath(config.path, value);
            return true;
        };
    };
    const auto integer = [&p](auto* target, qint64 min, qint64 max) {
        return [&p, target, min, max](const QString& value) {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < min || n > max)
                return p.fail(QStringLiteral("\"%1\" is not a whole number from %2 to %3")
                                  .arg(value)
                                  .arg(min)
                                  .arg(max));
            *target = static_cast<typename std::remove_reference_t<decltype(*target)>::value_type>(n);
            return true;
        };
    };
    const auto boolean = [&p](std::optional<bool>* target) {
        return [&p, target](const QString& value) {
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return p.fail(QStringLiteral("\"%1\" is not true or false").arg(value));
            *target = value == QLatin1String("true");
            return true;
        };
    };
    const auto keySource = [&](KeySource* key, bool allowNone) {
        return QHash<QString, Setter> {
            {QStringLiteral("key_source"),
                [&p, key, allowNone](const QString& v) { return parseKeyKind(p, v, allowNone, &key->kind); }},
            {QStringLiteral("key_file"), pathValue(&key->keyFile)},
            {QStringLiteral("key_passphrase_file"), pathValue(&key->passphraseFile)},
            {QStringLiteral("pkcs11_module"), text(&key->module)},
            {QStringLiteral("pkcs11_token"), text(&key->token)},
            {QStringLiteral("pkcs11_key_id"),
                [&p, key](const QString& v) {
                    const QByteArray bytes = QByteArray::fromHex(v.toLatin1());
                    if (bytes.isEmpty() || bytes.toHex().compare(v.toLatin1(), Qt::CaseInsensitive) != 0)
                        return p.fail(QStringLiteral("pkcs11_key_id must be hex digits (the key's CKA_ID)"));
                    key->keyId = v;
                    return true;
                }},
            {QStringLiteral("pkcs11_pin_file"), pathValue(&key->pinFile)},
        };
    };

    QHash<QString, QHash<QString, Setter>> sections;
    sections.insert(QStringLiteral("server"),
        {
            {QStringLiteral("listen"), text(&config.listen)},
            {QStringLiteral("data_dir"), pathValue(&config.dataDir)},
            {QStringLiteral("public_url"), text(&config.publicUrl)},
            {QStringLiteral("threads"), integer(&config.threads, 2, 4096)},
            {QStringLiteral("lookup_rate_limit"), integer(&config.lookupRateLimit, 0, 1000000)},
            {QStringLiteral("max_document_bytes"), integer(&config.maxDocumentBytes, 1, qint64(1) << 32)},
            {QStringLiteral("tls_certificate"), pathValue(&config.tlsCertificate)},
            {QStringLiteral("tls_key"), pathValue(&config.tlsKey)},
            {QStringLiteral("application_rate_limit"), integer(&config.applicationRateLimit, 0, 1000000)},
            {QStringLiteral("application_update_rate_limit"),
                integer(&config.applicationUpdateRateLimit, 0, 1000000)},
            {QStringLiteral("trusted_proxies"),
                [&p, &config](const QString& value) {
                    QStringList proxies;
                    for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                        const QString entry = part.trimmed();
                        const bool ok = entry.contains(QLatin1Char('/'))
                            ? !QHostAddress::parseSubnet(entry).first.isNull()
                            : !QHostAddress(entry).isNull();
                        if (!ok)
                            return p.fail(QStringLiteral("\"%1\" is not an IP address or a subnet such as "
                                                         "10.0.0.0/8")
                                              .arg(entry));
                        proxies.append(entry);
                    }
                    config.trustedProxies = proxies;
                    return true;
                }},
            {QStringLiteral("header_timeout_seconds"), integer(&config.headerTimeoutSeconds, 1, 3600)},
            {QStringLiteral("body_timeout_seconds"), integer(&config.bodyTimeoutSeconds, 1, 86400)},
            {QStringLiteral("max_connections_per_address"),
                integer(&config.maxConnectionsPerAddress, 1, 100000)},
            {QStringLiteral("max_application_bytes"),
                integer(&config.maxApplicationBytes, 1, qint64(1) << 40)},
            {QStringLiteral("database"), text(&config.database)},
            {QStringLiteral("database_password_file"), pathValue(&config.databasePasswordFile)},
            {QStringLiteral("database_connections"), integer(&config.databaseConnections, 1, 1000)},
            {QStringLiteral("metrics_listen"),
                [&p, &config](const QString& value) {
                    const int colon = int(value.lastIndexOf(QLatin1Char(':')));
                    bool ok = false;
                    const int port = colon > 0 ? value.mid(colon + 1).toInt(&ok) : -1;
                    if (!ok || port < 0 || port > 65535)
                        return p.fail(QStringLiteral("\"%1\" is not host:port").arg(value));
                    config.metricsListen = value;
                    return true;
                }},
            {QStringLiteral("log_format"),
                [&p, &config](const QString& value) {
                    if (value != QLatin1String("text") && value != QLatin1String("json"))
                        return p.fail(
                            QStringLiteral("log_format must be text or json, not \"%1\"").arg(value));
                    config.logFormat = value;
                    return true;
                }},
        });
    QHash<QString, Setter> ca = keySource(&config.caKey, false);
    ca.insert(QStringLiteral("directory"), pathValue(&config.caDirectory));
    sections.insert(QStringLiteral("ca"), ca);
    QHash<QString, Setter> legacy = keySource(&config.legacyKey, true);
    legacy.insert(QStringLiteral("certificate"), pathValue(&config.legacyCertificate));
    legacy.insert(QStringLiteral("revocation_webhook"), [&p, &config](const QString& value) {
        QString problem;
        if (!RevocationWebhook::validUrl(value, &problem))
            return p.fail(problem);
        config.legacyRevocationWebhook = value;
        return true;
    });
    legacy.insert(QStringLiteral("revocation_webhook_secret_file"),
        pathValue(&config.legacyRevocationWebhookSecretFile));
    legacy.insert(QStringLiteral("revocation_webhook_retry_seconds"),
        integer(&config.legacyRevocationWebhookRetrySeconds, 1, 3600));
    sections.insert(QStringLiteral("legacy_ca"), legacy);
    sections.insert(QStringLiteral("staff"),
        {
            {QStringLiteral("login_delay_seconds"), integer(&config.loginDelaySeconds, 0, 60)},
            {QStringLiteral("allow_one_person_counter"), boolean(&config.allowOnePersonCounter)},
        });
    sections.insert(QStringLiteral("agreement"),
        {
            {QStringLiteral("file"), pathValue(&config.agreementFile)},
            {QStringLiteral("version"), text(&config.agreementVersion)},
            {QStringLiteral("title"), text(&config.agreementTitle)},
        });
    sections.insert(QStringLiteral("ocsp"),
        {
            {QStringLiteral("next_update_minutes"), integer(&config.ocspNextUpdateMinutes, 1, 7 * 24 * 60)},
            {QStringLiteral("key_passphrase_file"), pathValue(&config.ocspKeyPassphraseFile)},
        });

    providers::ProviderConfig& pc = config.providers;
    const auto url = [&p](QString* target) {
        return [&p, target](const QString& value) {
            const QUrl u(value, QUrl::StrictMode);
            if (!u.isValid() || (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http"))
                || u.host().isEmpty())
                return p.fail(QStringLiteral("\"%1\" is not an http(s) URL").arg(value));
            *target = value;
            return true;
        };
    };
    sections.insert(QStringLiteral("payment"),
        {
            {QStringLiteral("wechat"), text(&pc.wechat)},
            {QStringLiteral("alipay"), text(&pc.alipay)},
            {QStringLiteral("timeout_seconds"), integer(&pc.timeoutSeconds, 1, 60)},
            {QStringLiteral("attempts"), integer(&pc.attempts, 1, 10)},
            {QStringLiteral("query_after_seconds"), integer(&pc.queryAfterSeconds, 0, 3600)},
            {QStringLiteral("replay_window_seconds"), integer(&pc.replayWindowSeconds, 30, 3600)},
        });
    sections.insert(QStringLiteral("wechatpay"),
        {
            {QStringLiteral("base_url"), url(&pc.wechatpay.baseUrl)},
            {QStringLiteral("mchid"), text(&pc.wechatpay.mchid)},
            {QStringLiteral("appid"), text(&pc.wechatpay.appid)},
            {QStringLiteral("merchant_serial_no"), text(&pc.wechatpay.merchantSerialNo)},
            {QStringLiteral("merchant_key_file"), pathValue(&pc.wechatpay.merchantKeyFile)},
            {QStringLiteral("platform_certificate_file"), pathValue(&pc.wechatpay.platformCertificateFile)},
            {QStringLiteral("apiv3_key_file"), pathValue(&pc.wechatpay.apiv3KeyFile)},
            {QStringLiteral("notify_url"), url(&pc.wechatpay.notifyUrl)},
        });
    sections.insert(QStringLiteral("alipay"),
        {
            {QStringLiteral("gateway_url"), url(&pc.alipayConfig.gatewayUrl)},
            {QStringLiteral("app_id"), text(&pc.alipayConfig.appId)},
            {QStringLiteral("app_private_key_file"), pathValue(&pc.alipayConfig.appPrivateKeyFile)},
            {QStringLiteral("alipay_public_key_file"), pathValue(&pc.alipayConfig.alipayPublicKeyFile)},
            {QStringLiteral("notify_url"), url(&pc.alipayConfig.notifyUrl)},
        });
    const auto signedHttp = [&](providers::SignedHttpConfig* c, bool callback) {
        QHash<QString, Setter> keys {
            {QStringLiteral("provider"), text(&c->provider)},
            {QStringLiteral("base_url"), url(&c->baseUrl)},
            {QStringLiteral("client_id"), text(&c->clientId)},
            {QStringLiteral("secret_file"), pathValue(&c->secretFile)},
        };
        if (callback)
            keys.insert(QStringLiteral("callback_url"), url(&c->callbackUrl));
        return keys;
    };
    sections.insert(QStringLiteral("liveness"), signedHttp(&pc.liveness, true));
    sections.insert(QStringLiteral("realname"), signedHttp(&pc.realname, false));
    sections.insert(QStringLiteral("sms"), signedHttp(&pc.sms, false));

    QString section;
    QSet<QString> seen;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& raw : lines) {
        ++p.line;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']'))) {
                p.fail(QStringLiteral("a section header is [name]"));
                break;
            }
            section = line.mid(1, line.size() - 2).trimmed();
            if (!sections.contains(section)) {
                p.fail(QStringLiteral(
                    "unknown section [%1] (known: [server], [ca], [legacy_ca], [staff], [ocsp], [payment], "
                    "[wechatpay], [alipay], [liveness], [realname], [sms], [agreement])")
                           .arg(section));
                break;
            }
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            p.fail(QStringLiteral("expected key = value"));
            break;
        }
        if (section.isEmpty()) {
            p.fail(QStringLiteral(
                "key outside a section (start with [server], [ca], [legacy_ca], [staff] or [ocsp])"));
            break;
        }
        const QString key = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        const auto& keys = sections[section];
        const auto setter = keys.constFind(key);
        if (setter == keys.cend()) {
            QStringList known = keys.keys();
            known.sort();
            p.fail(QStringLiteral("unknown key \"%1\" in [%2] (known: %3)")
                       .arg(key, section, known.join(QStringLiteral(", "))));
            break;
        }
        const QString qualified = section + QLatin1Char('.') + key;
        if (seen.contains(qualified)) {
            p.fail(QStringLiteral("\"%1\" is set twice in [%2]").arg(key, section));
            break;
        }
        seen.insert(qualified);
        if (!(*setter)(value))
            break;
    }
    // Whole-file checks: what each key source needs.
    const auto checkKey = [&](const KeySource& key, const QString& name) {
        if (!p.error.isEmpty())
            return;
        // The issuing CA's key file has a default (<directory>/issuing-ca.key); the legacy CA's has none.
        if (key.kind == KeySource::Kind::File && key.keyFile.isEmpty() && name == QLatin1String("legacy_ca"))
            p.error = QStringLiteral("%1: [%2] key_source = file needs key_file").arg(path, name);
        if (key.kind == KeySource::Kind::Pkcs11
            && (key.module.isEmpty() || key.token.isEmpty() || key.keyId.isEmpty()))
            p.error = QStringLiteral(
                "%1: [%2] key_source = pkcs11 needs pkcs11_module, pkcs11_token and pkcs11_key_id")
                          .arg(path, name);
    };
    checkKey(config.caKey, QStringLiteral("ca"));
    checkKey(config.legacyKey, QStringLiteral("legacy_ca"));
    if (p.error.isEmpty() && config.legacyKey.kind != KeySource::Kind::Default
        && config.legacyCertificate.isEmpty())
        p.error = QStringLiteral("%1: [legacy_ca] needs certificate").arg(path);
    if (!p.error.isEmpty()) {
        if (error)
            *error = p.error;
        return std::nullopt;
    }
    return config;
}

} // namespace certdesk::server
