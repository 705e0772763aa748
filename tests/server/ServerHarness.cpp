#include "ServerHarness.h"

#include "ResponseRecorder.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

#include <atomic>
#include <csignal>

#ifndef CERTDESK_SERVER_BINARY
#error "CERTDESK_SERVER_BINARY must be defined by the build"
#endif

namespace certdesk::servertest {

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

std::optional<PostgresCluster> PostgresCluster::fromEnvironment()
{
    const QString path = qEnvironmentVariable("CERTDESK_TEST_POSTGRES");
    if (path.isEmpty())
        return std::nullopt;
    return fromFile(path);
}

std::optional<PostgresCluster> PostgresCluster::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    PostgresCluster cluster;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals <= 0)
            continue;
        const QByteArray key = line.left(equals);
        const QString value = QString::fromUtf8(line.mid(equals + 1)).trimmed();
        if (key == "host")
            cluster.host = value;
        else if (key == "port")
            cluster.port = value.toInt();
        else if (key == "user")
            cluster.user = value;
        else if (key == "password")
            cluster.password = value;
        else if (key == "bindir")
            cluster.bindir = value;
    }
    if (cluster.host.isEmpty() || cluster.user.isEmpty())
        return std::nullopt;
    return cluster;
}

QSqlDatabase PostgresCluster::open(const QString& name, QString* error) const
{
    static std::atomic<int> counter {0};
    QSqlDatabase db = QSqlDatabase::addDatabase(
        QStringLiteral("QPSQL"), QStringLiteral("certdesk-test-pg-%1").arg(counter++));
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(name);
    if (!db.open() && error)
        *error = db.lastError().text();
    return db;
}

bool PostgresCluster::ensureDatabase(const QString& name, QString* error) const
{
    QString connection;
    bool ok = false;
    {
        QSqlDatabase db = open(QStringLiteral("postgres"), error);
        connection = db.connectionName();
        if (db.isOpen()) {
            QSqlQuery exists(db);
            exists.prepare(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = ?"));
            exists.addBindValue(name);
            ok = exists.exec();
            if (ok && !exists.next()) {
                QSqlQuery create(db);
                ok = create.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
                if (!ok && error)
                    *error = create.lastError().text();
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QString PostgresCluster::url(const QString& name) const
{
    return QStringLiteral("postgresql://%1@localhost:%2/%3?host=%4").arg(user).arg(port).arg(name, host);
}

QStringList ServerProcess::databaseArguments(const QString& dataDir, QProcessEnvironment* environment)
{
    const auto cluster = PostgresCluster::fromEnvironment();
    if (!cluster)
        return {};
    // One database per data dir, named after it.
    const QString name = QStringLiteral("t_")
        + QString::fromLatin1(
            QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256)
                .toHex()
                .left(20));
    QString error;
    if (!cluster->ensureDatabase(name, &error))
        qWarning("cannot create the test database %s: %s", qPrintable(name), qPrintable(error));
    environment->insert(QStringLiteral("PGPASSWORD"), cluster->password);
    return {QStringLiteral("--database"), cluster->url(name)};
}

bool ServerProcess::start(const QString& dataDir, const QStringList& extraArgs, bool sandbox)
{
    m_process = std::make_unique<QProcess>();
    QStringList args {
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), dataDir};
    QProcessEnvironment environment = m_environment.value_or(QProcessEnvironment::systemEnvironment());
    if (!extraArgs.contains(QStringLiteral("--database")))
        args.append(databaseArguments(dataDir, &environment));
    m_process->setProcessEnvironment(environment);
    if (sandbox)
        args.append(QStringLiteral("--sandbox"));
    // Outside the sandbox the service needs the URL it is reached under (the CRL and OCSP URLs of issued
    // certificates); a name of the reserved .test domain unless the test gives its own.
    if (!sandbox && !extraArgs.contains(QStringLiteral("--public-url")))
        args.append({QStringLiteral("--public-url"), QStringLiteral("https://ca.certdesk.test")});
    args.append(extraArgs);
    m_process->setProgram(QStringLiteral(CERTDESK_SERVER_BINARY));
    m_process->setArguments(args);
    m_errorFile = m_logDir.filePath(QStringLiteral("stderr-%1.log").arg(++m_starts));
    m_errorRead = 0;
    m_process->setStandardErrorFile(m_errorFile);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = m_process->errorString();
        return false;
    }
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains('\n') && timer.elapsed() < 30000) {
        if (!m_process->waitForReadyRead(1000) && m_process->state() == QProcess::NotRunning)
            break;
        out += m_process->readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n')).trimmed();
    m_pendingOutput = out.mid(out.indexOf('\n') + 1);
    const QByteArray prefix = "listening on 127.0.0.1:";
    if (!line.startsWith(prefix)) {
        m_error = QString::fromUtf8(standardError());
        return false;
    }
    m_port = line.mid(prefix.size()).toInt();
    return m_port > 0;
}

void ServerProcess::kill()
{
    // processId() is 0 once the process has ended, and kill(0, …) would signal this whole process group.
    if (!m_process || m_process->state() == QProcess::NotRunning || m_process->processId() <= 0)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
}

int ServerProcess::terminate()
{
    if (!m_process)
        return -1;
    m_process->terminate();
    m_process->waitForFinished(20000);
    return m_process->exitCode();
}

qint64 ServerProcess::rssKiB() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray ServerProcess::outputLine(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_process && !m_pendingOutput.contains('\n') && timer.elapsed() < timeoutMs) {
        if (!m_process->waitForReadyRead(500) && m_process->state() == QProcess::NotRunning)
            break;
        m_pendingOutput += m_process->readAllStandardOutput();
    }
    const qsizetype end = m_pendingOutput.indexOf('\n');
    if (end < 0)
        return {};
    const QByteArray line = m_pendingOutput.left(end).trimmed();
    m_pendingOutput.remove(0, end + 1);
    return line;
}

QByteArray ServerProcess::standardError() const
{
    QFile file(m_errorFile);
    if (m_errorFile.isEmpty() || !file.open(QIODevice::ReadOnly) || !file.seek(m_errorRead))
        return {};
    const QByteArray text = file.readAll();
    m_errorRead += text.size();
    return text;
}

// ---------------------------------------------------------------------------------------------------------------

QJsonObject Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray Reply::array() const
{
    return QJsonDocument::fromJson(body).array();
}

QString Reply::errorCode() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QStringList Reply::fieldCodes() const
{
    QStringList list;
    const QJsonArray fields
        = json().value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray();
    for (const QJsonValue& f : fields) {
        list.append(f.toObject().value(QStringLiteral("field")).toString() + QLatin1Char(':')
            + f.toObject().value(QStringLiteral("code")).toString());
    }
    return list;
}

QString Reply::header(const char* name) const
{
    const auto it = headers.find(name);
    return it == headers.end() ? QString() : QString::fromStdString(it->second);
}

Http::Http(int port)
    : m_port(port)
{ }

std::string Http::url(const QString& path) const
{
    return (path.startsWith(QLatin1Char('/')) ? path : QStringLiteral("/api/v1/") + path).toStdString();
}

httplib::Headers Http::headers(const QString& token) const
{
    httplib::Headers h;
    if (!token.isEmpty())
        h.emplace("Authorization", "Bearer " + token.toStdString());
    return h;
}

Reply Http::convert(const char* method, const std::string& path, const httplib::Result& result)
{
    Reply reply;
    if (!result) {
        reply.body = QByteArray("connection error: ") + httplib::to_string(result.error()).c_str();
        return reply;
    }
    reply.status = result->status;
    reply.body = QByteArray::fromStdString(result->body);
    reply.headers = result->headers;
    certdesk::test::recordResponse(QByteArray(method), QByteArray::fromStdString(path), reply.status,
        reply.header("Content-Type").toLatin1(), reply.body);
    return reply;
}

namespace {
httplib::Client client(int port)
{
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(10);
    c.set_read_timeout(60);
    c.set_write_timeout(60);
    return c;
}
} // namespace

Reply Http::get(const QString& path, const QString& token)
{
    auto c = client(m_port);
    return convert("GET", url(path), c.Get(url(path), headers(token)));
}

Reply Http::post(
    const QString& path, const QJsonObject& body, const QString& token, const QString& idempotencyKey)
{
    auto c = client(m_port);
    httplib::Headers h = headers(token);
    if (!idempotencyKey.isEmpty())
        h.emplace("Idempotency-Key", idempotencyKey.toStdString());
    return convert("POST", url(path),
        c.Post(url(path), h, QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
            "application/json"));
}

Reply Http::postRaw(
    const QString& path, const QByteArray& body, const QString& contentType, const QString& token)
{
    auto c = client(m_port);
    return convert(
        "POST", url(path), c.Post(url(path), headers(token), body.toStdString(), contentType.toStdString()));
}

Reply Http::put(const QString& path, const QJsonObject& body, const QString& token)
{
    auto c = client(m_port);
    return convert("PUT", url(path),
        c.Put(url(path), headers(token), QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
            "application/json"));
}

Reply Http::del(const QString& path, const QString& token)
{
    auto c = client(m_port);
    return convert("DELETE", url(path), c.Delete(url(path), headers(token)));
}

Reply Http::putBytes(
    const QString& path, const QByteArray& bytes, const QString& contentType, const QString& token)
{
    auto c = client(m_port);
    return convert(
        "PUT", url(path), c.Put(url(path), headers(token), bytes.toStdString(), contentType.toStdString()));
}

Reply Http::putStream(const QString& path, qint64 size, const QString& contentType, const QString& token)
{
    auto c = client(m_port);
    const std::string chunk(64 * 1024, '\0');
    return convert("PUT", url(path),
        c.Put(
            url(path), headers(token), size_t(size),
            [&chunk](size_t offset, size_t length, httplib::DataSink& sink) {
                Q_UNUSED(offset);
                return sink.write(chunk.data(), std::min(length, chunk.size()));
            },
            contentType.toStdString()));
}

// ---------------------------------------------------------------------------------------------------------------

namespace {
QJsonObject common(const QString& serial, const QString& category, int years)
{
    return QJsonObject {{QStringLiteral("serial"), serial}, {QStringLiteral("category"), category},
        {QStringLiteral("years"), years},
        {QStringLiteral("acknowledgements"),
            QJsonObject {
                {QStringLiteral("agreement"), true}, {QStringLiteral("old_certificate_revocation"), true}}},
        {QStringLiteral("mailing"),
            QJsonObject {{QStringLiteral("province_code"), QStringLiteral("440000")},
                {QStringLiteral("city_code"), QStringLiteral("440300")},
                {QStringLiteral("county_code"), QStringLiteral("440305")},
                {QStringLiteral("address"), QStringLiteral("8 Keyuan Road, Nanshan")}}},
        {QStringLiteral("invoice"), QJsonObject {{QStringLiteral("kind"), QStringLiteral("electronic")}}}};
}

QJsonObject person(const QString& name, const QString& idNumber)
{
    return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("id_number"), idNumber},
        {QStringLiteral("mobile"), QString::fromLatin1(kAgentMobile)},
        {QStringLiteral("email"), QStringLiteral("agent@example.com")}};
}
} // namespace

QJsonObject institutionBody(
    const QString& serial, const QString& holder, const QString& uscc, const QString& category, int years)
{
    QJsonObject body = common(serial, category, years);
    body.insert(QStringLiteral("organization"),
        QJsonObject {{QStringLiteral("name"), holder}, {QStringLiteral("credential_number"), uscc},
            {QStringLiteral("address"), QStringLiteral("8 Keyuan Road, Nanshan, Shenzhen")}});
    body.insert(
        QStringLiteral("agent"), person(QString::fromLatin1(kAgentName), QString::fromLatin1(kAgentId)));
    body.insert(QStringLiteral("bank"),
        QJsonObject {{QStringLiteral("account_name"), holder},
            {QStringLiteral("bank_code"), QStringLiteral("102584000022")},
            {QStringLiteral("account_number"), QStringLiteral("4000023009200123456")}});
    return body;
}

QJsonObject naturalPersonBody(const QString& serial, const QString& name, const QString& idNumber, int years)
{
    QJsonObject body = common(serial, QStringLiteral("natural_person"), years);
    body.insert(QStringLiteral("applicant"), person(name, idNumber));
    return body;
}

QByteArray pngImage(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkRed);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray jpegImage(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkBlue);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return bytes;
}

QByteArray pngHeaderOnly(quint32 width, quint32 height)
{
    // PNG signature, then an IHDR chunk (ISO/IEC 15948 §11.2.2) with a correct CRC, then a truncated IDAT.
    QByteArray ihdr("IHDR");
    char data[13] = {};
    qToBigEndian(width, data);
    qToBigEndian(height, data + 4);
    data[8] = 8; // bit depth
    data[9] = 2; // colour type RGB
    ihdr.append(data, 13);
    // CRC-32 of type and data (ISO 3309, as PNG §5.5 specifies).
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : ihdr) {
        c ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    c ^= 0xFFFFFFFFu;
    QByteArray out("\x89PNG\r\n\x1A\n", 8);
    char length[4];
    qToBigEndian(quint32(13), length);
    out.append(length, 4);
    out.append(ihdr);
    char crcBytes[4];
    qToBigEndian(c, crcBytes);
    out.append(crcBytes, 4);
    out.append(QByteArray("\x00\x00\x00\x10IDAT", 8));
    out.append(QByteArray(16, '\x55'));
    return out;
}

QList<Legacy> legacyCertificates(Http& http)
{
    QList<Legacy> list;
    const Reply reply = http.get(QStringLiteral("sandbox/legacy-certificates"));
    for (const QJsonValue& v : reply.array()) {
        const QJsonObject o = v.toObject();
        list.append({o.value(QStringLiteral("serial")).toString(),
            o.value(QStringLiteral("category")).toString(), o.value(QStringLiteral("holder")).toString(),
            o.value(QStringLiteral("credential_number")).toString(),
            QByteArray::fromBase64(o.value(QStringLiteral("certificate")).toString().toLatin1()),
            QByteArray::fromBase64(o.value(QStringLiteral("private_key")).toString().toLatin1()),
            o.value(QStringLiteral("renewable")).toBool()});
    }
    return list;
}

Legacy firstRenewable(Http& http, const QString& category)
{
    for (const Legacy& l : legacyCertificates(http)) {
        if (l.category == category && l.renewable) {
            // Looked up, as a client does before applying (the real-name check answers only then).
            [[maybe_unused]] const Reply looked = http.post(
                QStringLiteral("certificates/lookup"), QJsonObject {{QStringLiteral("serial"), l.serial}});
            return l;
        }
    }
    return {};
}

Legacy mintLegacy(Http& http, const QString& category, const QString& holder, const QString& credential,
    const QDateTime& notAfter)
{
    const Reply reply = http.post(QStringLiteral("sandbox/legacy-certificates"),
        QJsonObject {{QStringLiteral("category"), category}, {QStringLiteral("holder"), holder},
            {QStringLiteral("credential_number"), credential},
            {QStringLiteral("not_after"), notAfter.toUTC().toString(Qt::ISODate)}});
    const QJsonObject o = reply.json();
    // Looked up, as a client does before applying (the real-name check answers only then).
    [[maybe_unused]] const Reply looked = http.post(QStringLiteral("certificates/lookup"),
        QJsonObject {{QStringLiteral("serial"), o.value(QStringLiteral("serial")).toString()}});
    return {o.value(QStringLiteral("serial")).toString(), category, holder, credential,
        QByteArray::fromBase64(o.value(QStringLiteral("certificate")).toString().toLatin1()),
        QByteArray::fromBase64(o.value(QStringLiteral("private_key")).toString().toLatin1()), true};
}

} // namespace certdesk::servertest
