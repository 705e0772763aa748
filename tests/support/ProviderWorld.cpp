#include "ProviderWorld.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

#include <httplib.h>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

#ifndef CERTDESK_SERVER_EXECUTABLE
#error "CERTDESK_SERVER_EXECUTABLE must be defined by the build"
#endif
#ifndef CERTDESK_PROVIDER_SIMULATOR
#error "CERTDESK_PROVIDER_SIMULATOR must be defined by the build"
#endif

namespace certdesk::test {

namespace {

bool writeFile(const QString& path, const QByteArray& bytes, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return !secret || file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Waits for "listening on 127.0.0.1:PORT" on the process's standard output; the port or 0.
int waitForPort(QProcess& process, QByteArray* seen, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const qsizetype at = seen->indexOf("listening on 127.0.0.1:");
        if (at >= 0) {
            const qsizetype end = seen->indexOf('\n', at);
            if (end > 0)
                return seen->mid(at + 23, end - at - 23).trimmed().toInt();
        }
        if (!process.waitForReadyRead(500) && process.state() == QProcess::NotRunning)
            return 0;
        *seen += process.readAllStandardOutput();
    }
    return 0;
}

// A test that crashes must not leave the simulator and the service running (they would also keep its output
// pipe open): Linux ends them with their parent.
void endWithParent(QProcess& process)
{
#ifdef Q_OS_LINUX
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#else
    Q_UNUSED(process)
#endif
}

} // namespace

ProviderWorld::ProviderWorld(QString directory)
    : m_dir(std::move(directory))
{ }

ProviderWorld::~ProviderWorld()
{
    stopServer();
    if (m_simulator) {
        m_simulator->kill();
        m_simulator->waitForFinished(5000);
    }
}

QString ProviderWorld::path(const QString& name) const
{
    return QDir(m_dir).filePath(name);
}

QString ProviderWorld::dataDir() const
{
    return path(QStringLiteral("data"));
}

bool ProviderWorld::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool ProviderWorld::openssl(const QStringList& arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), arguments);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return fail(QStringLiteral("openssl %1: %2")
                        .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(p.readAll())));
    return true;
}

int ProviderWorld::runServerCommand(
    const QStringList& arguments, const QList<QPair<QString, QString>>& environment, QString* output) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : environment)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(CERTDESK_SERVER_EXECUTABLE),
        arguments + QStringList {QStringLiteral("--data-dir"), dataDir()});
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

bool ProviderWorld::start(const QString& extraConfig)
{
    // --- keys: every party has its own ---
    const QString rsa = QStringLiteral("rsa_keygen_bits:2048");
    for (const char* name : {"merchant", "alipay-app", "alipay"}) {
        const QString key = path(QString::fromLatin1(name) + QStringLiteral(".key"));
        if (!openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                QStringLiteral("-pkeyopt"), rsa, QStringLiteral("-out"), key})
            || !openssl({QStringLiteral("pkey"), QStringLiteral("-in"), key, QStringLiteral("-pubout"),
                QStringLiteral("-out"), path(QString::fromLatin1(name) + QStringLiteral(".pub"))}))
            return false;
        QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner);
    }
    // WeChat Pay's platform certificate: WeChat Pay names it by its serial (Wechatpay-Serial).
    const QString platformSerial = QStringLiteral("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    if (!openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
            path(QStringLiteral("platform.key")), QStringLiteral("-out"),
            path(QStringLiteral("platform.pem")), QStringLiteral("-subj"),
            QStringLiteral("/CN=Tenpay.com Root CA simulator"), QStringLiteral("-days"), QStringLiteral("30"),
            QStringLiteral("-set_serial"), QStringLiteral("0x") + platformSerial}))
        return false;
    const QByteArray apiv3Key = QUuid::createUuid().toByteArray(QUuid::Id128); // 32 characters
    const QByteArray shimSecret
        = QUuid::createUuid().toByteArray(QUuid::Id128) + QUuid::createUuid().toByteArray(QUuid::Id128);
    if (!writeFile(path(QStringLiteral("apiv3.key")), apiv3Key + '\n', true)
        || !writeFile(path(QStringLiteral("shim.secret")), shimSecret + '\n', true)
        || !writeFile(path(QStringLiteral("ca.pass")), "issuing secret\n", true))
        return fail(QStringLiteral("cannot write the secret files"));

    // --- the simulator ---
    const QJsonObject simConfig {
        {QStringLiteral("wechatpay"),
            QJsonObject {{QStringLiteral("mchid"), QStringLiteral("1900000109")},
                {QStringLiteral("appid"), QStringLiteral("wxd678efh567hg6787")},
                {QStringLiteral("merchant_serial_no"),
                    QStringLiteral("3775B6A45ACD588826D15E583A95F5DD2A5D2F2D")},
                {QStringLiteral("merchant_public_key"),
                    QString::fromLatin1(readFile(path(QStringLiteral("merchant.pub"))))},
                {QStringLiteral("platform_private_key"),
                    QString::fromLatin1(readFile(path(QStringLiteral("platform.key"))))},
                {QStringLiteral("platform_serial"), platformSerial},
                {QStringLiteral("apiv3_key"), QString::fromLatin1(apiv3Key)}}},
        {QStringLiteral("alipay"),
            QJsonObject {{QStringLiteral("app_id"), QStringLiteral("2021000000000001")},
                {QStringLiteral("app_public_key"),
                    QString::fromLatin1(readFile(path(QStringLiteral("alipay-app.pub"))))},
                {QStringLiteral("alipay_private_key"),
                    QString::fromLatin1(readFile(path(QStringLiteral("alipay.key"))))}}},
        {QStringLiteral("signed_http"),
            QJsonObject {{QStringLiteral("client_id"), QStringLiteral("certdesk-test")},
                {QStringLiteral("secret"), QString::fromLatin1(shimSecret)}}},
        // The telecom registry of the real-name shim: this number belongs to someone else's ID.
        {QStringLiteral("telecom"),
            QJsonObject {{QStringLiteral("13900139000"), QStringLiteral("110101199003074477")}}},
    };
    if (!writeFile(path(QStringLiteral("simulator.json")), QJsonDocument(simConfig).toJson(), true))
        return fail(QStringLiteral("cannot write the simulator's config"));
    m_simulator = std::make_unique<QProcess>();
    endWithParent(*m_simulator);
    m_simulator->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_simulator->start(QStringLiteral("node"),
        {QStringLiteral(CERTDESK_PROVIDER_SIMULATOR), path(QStringLiteral("simulator.json"))});
    QByteArray seen;
    m_simulatorPort = waitForPort(*m_simulator, &seen, 30000);
    if (m_simulatorPort == 0)
        return fail(QStringLiteral("the provider simulator did not start (is node installed?): %1")
                        .arg(QString::fromUtf8(seen)));
    const QString sim = QStringLiteral("http://127.0.0.1:%1").arg(m_simulatorPort);

    // --- the CA ceremony and the staff, with the service's own commands ---
    QString output;
    if (runServerCommand({QStringLiteral("ca"), QStringLiteral("init"), QStringLiteral("--root-key"),
                             path(QStringLiteral("root.key"))},
            {{QStringLiteral("CERTDESK_ROOT_KEY_PASSPHRASE"), QStringLiteral("root secret")},
                {QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"), QStringLiteral("issuing secret")}},
            &output)
        != 0)
        return fail(QStringLiteral("ca init: %1").arg(output));
    if (runServerCommand({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("reviewer"),
                             QStringLiteral("--roles"), QStringLiteral("reviewer")},
            {{QStringLiteral("CERTDESK_STAFF_PASSWORD"), QString::fromLatin1(ReviewerPassword)}}, &output)
            != 0
        || runServerCommand({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("counter"),
                                QStringLiteral("--roles"), QStringLiteral("counter")},
               {{QStringLiteral("CERTDESK_STAFF_PASSWORD"), QString::fromLatin1(CounterPassword)}}, &output)
            != 0)
        return fail(QStringLiteral("staff add: %1").arg(output));

    // --- the CA's old RSA CA, as its old system made it: only its certificate is configured ---
    if (!openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
            path(QStringLiteral("legacy-ca.key")), QStringLiteral("-out"),
            path(QStringLiteral("legacy-ca.pem")), QStringLiteral("-subj"),
            QStringLiteral("/CN=Legacy RSA CA"), QStringLiteral("-days"), QStringLiteral("3650")}))
        return false;

    // --- the configuration: every secret is a file named here ---
    const QString config = QStringLiteral("[server]\n"
                                          "public_url = %1\n"
                                          "lookup_rate_limit = 0\n"
                                          "[ca]\n"
                                          "key_passphrase_file = %2\n"
                                          "[payment]\n"
                                          "wechat = wechatpay\n"
                                          "alipay = alipay\n"
                                          "timeout_seconds = 2\n"
                                          "attempts = 3\n"
                                          "query_after_seconds = 0\n"
                                          "[wechatpay]\n"
                                          "base_url = %3\n"
                                          "mchid = 1900000109\n"
                                          "appid = wxd678efh567hg6787\n"
                                          "merchant_serial_no = 3775B6A45ACD588826D15E583A95F5DD2A5D2F2D\n"
                                          "merchant_key_file = %4\n"
                                          "platform_certificate_file = %5\n"
                                          "apiv3_key_file = %6\n"
                                          "[alipay]\n"
                                          "gateway_url = %3/gateway.do\n"
                                          "app_id = 2021000000000001\n"
                                          "app_private_key_file = %7\n"
                                          "alipay_public_key_file = %8\n"
                                          "[liveness]\n"
                                          "provider = http\n"
                                          "base_url = %3\n"
                                          "client_id = certdesk-test\n"
                                          "secret_file = %9\n"
                                          "[realname]\n"
                                          "provider = http\n"
                                          "base_url = %3\n"
                                          "client_id = certdesk-test\n"
                                          "secret_file = %9\n"
                                          "[sms]\n"
                                          "provider = http\n"
                                          "base_url = %3\n"
                                          "client_id = certdesk-test\n"
                                          "secret_file = %9\n"
                                          "[legacy_ca]\n"
                                          "certificate = %10\n")
                               .arg(QString::fromLatin1(PublicUrl), path(QStringLiteral("ca.pass")), sim,
                                   path(QStringLiteral("merchant.key")), path(QStringLiteral("platform.pem")),
                                   path(QStringLiteral("apiv3.key")), path(QStringLiteral("alipay-app.key")),
                                   path(QStringLiteral("alipay.pub")), path(QStringLiteral("shim.secret")),
                                   path(QStringLiteral("legacy-ca.pem")))
        + extraConfig;
    if (!writeFile(path(QStringLiteral("certdesk.conf")), config.toUtf8(), true))
        return fail(QStringLiteral("cannot write the config"));
    return startServer();
}

bool ProviderWorld::startServer()
{
    m_server = std::make_unique<QProcess>();
    endWithParent(*m_server);
    m_server->setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CERTDESK_CA_KEY_PASSPHRASE"));
    m_server->setProcessEnvironment(env);
    m_server->start(QStringLiteral(CERTDESK_SERVER_EXECUTABLE),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), dataDir(),
            QStringLiteral("--config"), path(QStringLiteral("certdesk.conf"))});
    QByteArray seen;
    m_serverPort = waitForPort(*m_server, &seen, 60000);
    m_serverOutput += seen;
    if (m_serverPort == 0)
        return fail(QStringLiteral("certdesk-server did not start: %1 %2")
                        .arg(QString::fromUtf8(seen), QString::fromUtf8(m_server->readAllStandardError())));
    // Deliveries go to the service's loopback port (the simulator keeps the public URL's path).
    int status = 0;
    simulator(QStringLiteral("target"),
        QJsonObject {{QStringLiteral("origin"), QStringLiteral("http://127.0.0.1:%1").arg(m_serverPort)}},
        &status);
    return status == 200 || fail(QStringLiteral("the simulator did not take the target"));
}

void ProviderWorld::stopServer()
{
    if (!m_server)
        return;
    m_server->terminate();
    if (!m_server->waitForFinished(20000))
        m_server->kill();
    m_server->waitForFinished(5000);
    m_serverOutput += m_server->readAllStandardOutput() + m_server->readAllStandardError();
    m_server.reset();
}

QByteArray ProviderWorld::serverOutput()
{
    if (m_server)
        m_serverOutput += m_server->readAllStandardOutput() + m_server->readAllStandardError();
    return m_serverOutput;
}

QJsonObject ProviderWorld::simulator(const QString& name, const QJsonObject& body, int* status) const
{
    httplib::Client client("127.0.0.1", m_simulatorPort);
    client.set_read_timeout(60, 0);
    const auto result = client.Post(QString(QStringLiteral("/_sim/") + name).toStdString(),
        QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
    if (status)
        *status = result ? result->status : 0;
    return result ? QJsonDocument::fromJson(QByteArray::fromStdString(result->body)).object() : QJsonObject();
}

QString ProviderWorld::addLegacyCertificate(const QString& category, const QString& holder,
    const QString& credentialNumber, const QDateTime& notAfter)
{
    // A certificate the legacy CA issued, named as its old system named them (core/pki/Subject.h): an
    // institution O and serialNumber = its credit code, a person CN and serialNumber = the ID number.
    const int n = m_legacySeed++;
    const QString key = path(QStringLiteral("legacy-%1.key").arg(n));
    const QString csr = path(QStringLiteral("legacy-%1.csr").arg(n));
    const QString cert = path(QStringLiteral("legacy-%1.der").arg(n));
    const QString serial = QStringLiteral("6A%1")
                               .arg(QString::number(QDateTime::currentMSecsSinceEpoch(), 16).toUpper())
                               .left(20)
        + QString::number(n);
    const QString subject = category == QLatin1String("natural_person")
        ? QStringLiteral("/CN=%1/serialNumber=%2").arg(holder, credentialNumber)
        : QStringLiteral("/CN=%1/O=%1/serialNumber=%2").arg(holder, credentialNumber);
    // Whole days from now (OpenSSL 3.0's x509 -req has no -not_after).
    const qint64 days = qMax<qint64>(1, QDateTime::currentDateTimeUtc().daysTo(notAfter));
    if (!openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
            QStringLiteral("-out"), csr, QStringLiteral("-utf8"), QStringLiteral("-subj"), subject})
        || !openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
            QStringLiteral("-CA"), path(QStringLiteral("legacy-ca.pem")), QStringLiteral("-CAkey"),
            path(QStringLiteral("legacy-ca.key")), QStringLiteral("-set_serial"),
            QStringLiteral("0x") + serial, QStringLiteral("-days"), QString::number(days),
            QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"), cert}))
        return {};
    // Into the store the way the CA's operator does it: `legacy import`, the category from a CSV mapping
    // (the three institution kinds look the same in a certificate).
    const QString categories = path(QStringLiteral("legacy-%1.csv").arg(n));
    if (!writeFile(
            categories, QStringLiteral("serial,category\n%1,%2\n").arg(serial, category).toUtf8(), false)) {
        fail(QStringLiteral("cannot write %1").arg(categories));
        return {};
    }
    QString output;
    const int code = runServerCommand(
        {QStringLiteral("legacy"), QStringLiteral("import"), QStringLiteral("--config"),
            path(QStringLiteral("certdesk.conf")), QStringLiteral("--categories"), categories, cert},
        {}, &output);
    if (code != 0 || !output.contains(QStringLiteral("added 1, already present 0, refused 0"))) {
        fail(QStringLiteral("legacy import (exit %1): %2").arg(code).arg(output));
        return {};
    }
    return serial;
}

QStringList ProviderWorld::auditRows(const QString& action) const
{
    QString output;
    runServerCommand({QStringLiteral("audit"), QStringLiteral("list")}, {}, &output);
    QStringList rows;
    for (const QString& line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        if (fields.size() >= 6 && (action.isEmpty() || fields.at(3) == action))
            rows.append(line);
    }
    return rows;
}

int ProviderWorld::auditVerify() const
{
    return runServerCommand({QStringLiteral("audit"), QStringLiteral("verify")}, {});
}

} // namespace certdesk::test
