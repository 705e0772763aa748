#include "TokenTestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>

#include <optional>

namespace certdesk::test {

ToolResult runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    ToolResult result;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        result.output = QString::fromLocal8Bit(process.readAll());
        return result;
    }
    result.exitCode = process.exitCode();
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

QString SoftHsm::modulePath()
{
    return QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
}

SoftHsm::SoftHsm(const QString& directory)
    : m_directory(directory)
{
    QDir().mkpath(directory + QStringLiteral("/tokens"));
    QFile conf(directory + QStringLiteral("/softhsm2.conf"));
    if (conf.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        conf.write(
            "directories.tokendir = " + QFile::encodeName(directory + QStringLiteral("/tokens")) + "\n");
        conf.write("objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    }
    qputenv("SOFTHSM2_CONF", QFile::encodeName(conf.fileName()));
}

bool SoftHsm::initToken(const QString& label, const QString& soPin, const QString& userPin) const
{
    const ToolResult result = runTool(QStringLiteral("softhsm2-util"),
        {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"), label,
            QStringLiteral("--so-pin"), soPin, QStringLiteral("--pin"), userPin});
    if (result.exitCode != 0)
        qWarning("softhsm2-util --init-token: %s", qPrintable(result.output));
    return result.exitCode == 0;
}

bool SoftHsm::importKeyPair(const QString& tokenLabel, const QString& userPin, const QByteArray& pkcs8Der,
    const QByteArray& id, const QString& label) const
{
    QFile file(m_directory + QStringLiteral("/import.pem"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(pkcs8ToPem(pkcs8Der));
    file.close();
    const ToolResult result = runTool(QStringLiteral("softhsm2-util"),
        {QStringLiteral("--import"), file.fileName(), QStringLiteral("--token"), tokenLabel,
            QStringLiteral("--pin"), userPin, QStringLiteral("--id"), QString::fromLatin1(id.toHex()),
            QStringLiteral("--label"), label});
    QFile::remove(file.fileName());
    if (result.exitCode != 0)
        qWarning("softhsm2-util --import: %s", qPrintable(result.output));
    return result.exitCode == 0;
}

ToolResult SoftHsm::pkcs11Tool(
    const QString& tokenLabel, const QString& pin, const QStringList& arguments) const
{
    QStringList all {QStringLiteral("--module"), modulePath(), QStringLiteral("--token-label"), tokenLabel};
    if (!pin.isEmpty())
        all << QStringLiteral("--login") << QStringLiteral("--pin") << pin;
    all << arguments;
    return runTool(QStringLiteral("pkcs11-tool"), all);
}

ListedObjects parseListing(const QString& output)
{
    ListedObjects objects;
    const QStringList lines = output.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("Private Key Object")))
            ++objects.privateKeys;
        else if (line.startsWith(QLatin1String("Public Key Object")))
            ++objects.publicKeys;
        else if (line.startsWith(QLatin1String("Certificate Object")))
            ++objects.certificates;
        else if (line.startsWith(QLatin1String("Data object")))
            ++objects.data;
    }
    return objects;
}

const pki::CertificateAuthority& TestCa::instance()
{
    static const std::optional<pki::CertificateAuthority> ca
        = []() -> std::optional<pki::CertificateAuthority> {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        auto root = pki::CertificateAuthority::createRoot(
            pki::CaSettings::defaultRootSubject(), {now.addDays(-1), now.addYears(5)});
        if (!root)
            return std::nullopt;
        auto issuing = pki::CertificateAuthority::createIssuing(
            *root, pki::CaSettings::defaultIssuingSubject(), {now.addDays(-1), now.addYears(4)});
        if (!issuing)
            return std::nullopt;
        auto authority = pki::CertificateAuthority::fromCredentials(*root, *issuing);
        if (!authority)
            return std::nullopt;
        return *authority;
    }();
    if (!ca)
        qFatal("test CA could not be created");
    return *ca;
}

QByteArray TestCa::issue(const pki::Sm2Key& key, pki::CertificateProfile profile, const QString& name)
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    pki::EndEntityRequest request;
    request.profile = profile;
    request.subject = pki::Subject::institution(name, QStringLiteral("91440300MA5FXXXX0X"));
    request.publicKey = key.publicKey();
    request.validity = {now.addSecs(-60), now.addYears(1)};
    auto issued = instance().issueEndEntity(request);
    if (!issued) {
        qWarning("issueEndEntity: %s", qPrintable(issued.detail()));
        return {};
    }
    return issued->der;
}

Sm2Pair makeSm2Pair(pki::CertificateProfile profile, const QString& name)
{
    Sm2Pair pair;
    auto key = pki::Sm2Key::generate();
    if (!key)
        return pair;
    pair.key = *key;
    pair.certificate = TestCa::issue(pair.key, profile, name);
    return pair;
}

QByteArray pkcs8ToPem(const QByteArray& der)
{
    QByteArray pem = "-----BEGIN PRIVATE KEY-----\n";
    const QByteArray base64 = der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        pem += base64.mid(i, 64) + '\n';
    pem += "-----END PRIVATE KEY-----\n";
    return pem;
}

} // namespace certdesk::test
