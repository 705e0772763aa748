#include "Service.h"

#include "Api.h"
#include "CaKeys.h"
#include "Database.h"
#include "DocumentStore.h"
#include "GuardedServer.h"
#include "Http.h"
#include "Metrics.h"
#include "ReferenceData.h"
#include "RevocationWebhook.h"
#include "Secrets.h"
#include "ServiceLog.h"

#include "platform/FileAccess.h"
#include "platform/ProcessSignals.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLockFile>

#include "HttpLib.h"

#include <chrono>
#include <cstdio>
#include <thread>

#ifndef Q_OS_WIN
#include <sys/socket.h>
#endif

namespace certdesk::server {

namespace {

// Bodies refused with 413 (or left unread after an error) are read and discarded up to Api::kDiscardCap bytes
// so the client gets to read the answer; memory stays flat (httplib hands over small chunks).
constexpr qint64 kDiscardCap = Api::kDiscardCap;
// The file that marks a sandbox data directory.
const QString SandboxMarkFile = QStringLiteral("SANDBOX");

thread_local std::chrono::steady_clock::time_point t_requestStart;
// The route the request on this thread matched (nullptr: none yet, or none matched): the label of its metrics
// and log line.
thread_local const Router::Route* t_route = nullptr;
// Whether the request on this thread was counted in the metrics already.
thread_local bool t_counted = false;

std::string routeLabel()
{
    return t_route ? t_route->pattern : std::string("unmatched");
}

// The first of the data directory, its entries and the documents directory that group or others may use, as
// an operator's message; empty when all are the owner's alone. (Individual documents are not walked: inside a
// 0700 directory nobody else reaches them, and a start must not take as long as the archive is big.)
QString openToOthers(const QString& dataDir)
{
    QStringList paths {dataDir};
    const QDir dir(dataDir);
    for (const QString& name :
        dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        paths.append(dir.filePath(name));
    for (const QString& path : std::as_const(paths)) {
        // Mode bits on POSIX systems; nothing is open to others on Windows (platform/FileAccess.h).
        const platform::FileAccess access = platform::fileAccess(path, false);
        if (!access.exists || access.symlink)
            continue;
        if (access.openToOthers)
            return QStringLiteral(
                "%1 is open to other users (mode %2); the data directory holds personal data "
                "and keys and must be the service user's alone: chmod -R go-rwx %3")
                .arg(path, access.modeText(), dataDir);
    }
    return {};
}

// A store is a sandbox's or a service's for ever (../shared/API.md, "Operations"): the SANDBOX file marks a
// data directory, and the database records it too, since a PostgreSQL database is not in the directory. A
// start of the other kind is refused (exit code 2), so sandbox seeds never enter a service's database.
void checkStoreKind(Database& database, bool sandbox)
{
    WriteTransaction tx(database);
    const QVariant recorded = scalar(tx.db(),
        QStringLiteral("SELECT value FROM store_settings WHERE name = ?"), {QStringLiteral("sandbox")});
    if (!recorded.isValid()) {
        run(tx.db(), QStringLiteral("INSERT INTO store_settings (name, value) VALUES (?, ?)"),
            {QStringLiteral("sandbox"), sandbox ? QStringLiteral("true") : QStringLiteral("false")});
        tx.commit();
        return;
    }
    const bool wasSandbox = recorded.toString() == QLatin1String("true");
    if (wasSandbox == sandbox)
        return;
    throw ConfigurationError((wasSandbox
            ? QStringLiteral("the database %1 is a sandbox's (it was started with --sandbox): start it with "
                             "--sandbox, or give the service a database of its own")
            : QStringLiteral(
                "the database %1 holds a service's data: the sandbox needs a database of its own"))
                                 .arg(database.location().display())
                                 .toStdString());
}

} // namespace

struct Service::Private
{
    ServiceOptions options;
    QString dataDir;
    std::unique_ptr<QLockFile> lock;
    std::unique_ptr<Database> database;
    std::unique_ptr<DocumentStore> documents;
    std::unique_ptr<ReferenceData> reference;
    std::unique_ptr<Api> api;
    std::unique_ptr<RevocationWebhook> revocationWebhook;
    Router router;
    std::unique_ptr<GuardedServer> http;
    std::thread listener;
    int port = -1;
    // The listening socket as httplib created it (seen in its socket-options callback), to raise its backlog.
    int listenSocket = -1;
    Metrics metrics;
    std::unique_ptr<ServiceLog> logger;
    // GET /metrics, on its own address (options.metricsHost/metricsPort).
    std::unique_ptr<httplib::Server> metricsHttp;
    std::thread metricsListener;
    int metricsPort = -1;

    void log(const QString& line, const char* level = "info", const char* category = "service") const
    {
        logger->write(level, category, line);
    }

    // Reads and drops what is left of the body, up to kDiscardCap, so that the client gets to read the
    // answer. A request refused for want of a valid token or session (401, 403, 404) is not read at all: its
    // connection is closed after the answer (GuardedServer's lingering close lets a client that sends its
    // body without waiting still read it), so an upload nobody may make costs nothing.
    static void discard(Context& ctx)
    {
        if (!ctx.reader || ctx.bodyConsumed || !requestHasBody(ctx.request))
            return;
        const int status = ctx.response.status;
        if (status == 401 || status == 403 || status == 404) {
            ctx.response.set_header("Connection", "close");
            return;
        }
        ctx.bodyConsumed = true;
        qint64 total = 0;
        const bool ok = (*ctx.reader)([&total](const char*, size_t size) {
            total += qint64(size);
            return total <= kDiscardCap;
        });
        if (!ok)
            ctx.response.set_header("Connection", "close");
    }

    // Reads a JSON body of at most `limit` bytes; 413 beyond it (the rest is discarded, not kept).
    static void readBody(Context& ctx, qint64 limit)
    {
        if (ctx.request.has_header("Content-Length")) {
            bool ok = false;
            const qint64 length
                = QString::fromStdString(ctx.request.get_header_value("Content-Length")).toLongLong(&ok);
            if (ok && length > limit)
                errors::payloadTooLarge(limit);
        }
        ctx.bodyConsumed = true;
        if (!requestHasBody(ctx.request))
            return;
        bool over = false;
        qint64 total = 0;
        const bool ok = (*ctx.reader)([&](const char* data, size_t size) {
            total += qint64(size);
            if (over || ctx.body.size() + qint64(size) > limit) {
                over = true;
                ctx.body.clear();
                return total <= kDiscardCap;
            }
            ctx.body.append(data, qsizetype(size));
            return true;
        });
        if (!ok)
            ctx.response.set_header("Connection", "close");
        if (over)
            errors::payloadTooLarge(limit);
        if (!ok)
            errors::badRequest(
                QCoreApplication::translate("certdesk::Server", "The request body could not be read."));
    }

    void handle(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader)
    {
        Context ctx(req, res, reader);
        ctx.address = clientAddressOf(req, options.trustedProxies);
        try {
            try {
                const Router::Route* route = router.match(req.method, req.path, &ctx.params);
                t_route = route;
                if (!route)
                    errors::notFound();
                if (route->body == Router::Body::Json && reader)
                    readBody(ctx, Api::kMaxJsonBytes);
                // On PostgreSQL a transaction that lost a race with another instance's (or thread's) is
                // rolled back whole: run the request again, it then sees the winner's rows. Only while the
                // body is still at hand (a streamed upload retries its own transaction, putDocument).
                if (route->body == Router::Body::Stream)
                    route->handler(ctx);
                else
                    retryOnConflict([&] { route->handler(ctx); });
            } catch (const Api::ReplayNeeded&) {
                // A concurrent request with the same Idempotency-Key committed first: answer as it did.
                if (!api->replay(ctx))
                    throw std::runtime_error("idempotent reply vanished");
            }
        } catch (const ApiError& e) {
            ctx.sendError(e);
        } catch (const SqlError& e) {
            metrics.databaseError(e.kind() == SqlError::Kind::StorageFull ? "storage_full"
                    : e.kind() == SqlError::Kind::Busy                    ? "busy"
                    : e.kind() == SqlError::Kind::Conflict                ? "conflict"
                    : e.kind() == SqlError::Kind::Unavailable             ? "unavailable"
                                                                          : "other");
            // The route template, not the path: the log never names an application.
            log(QStringLiteral("database error on %1 %2: %3")
                    .arg(QString::fromStdString(req.method), QString::fromStdString(routeLabel()),
                        QString::fromUtf8(e.what())),
                "error", "database");
            // The transaction was rolled back: say what the client can do about it.
            try {
                if (e.kind() == SqlError::Kind::StorageFull)
                    errors::storageFull();
                if (e.kind() == SqlError::Kind::Busy || e.kind() == SqlError::Kind::Conflict)
                    errors::busy(5);
                if (e.kind() == SqlError::Kind::Unavailable)
                    errors::busy(15);
                errors::internal();
            } catch (const ApiError& mapped) {
                ctx.sendError(mapped);
            }
        } catch (const std::exception& e) {
            log(QStringLiteral("internal error on %1 %2: %3")
                    .arg(QString::fromStdString(req.method), QString::fromStdString(routeLabel()),
                        QString::fromUtf8(e.what())),
                "error");
            try {
                errors::internal();
            } catch (const ApiError& internal) {
                ctx.sendError(internal);
            }
        }
        discard(ctx);
        // Counted before httplib writes the response (its logger runs only after that): a client that
        // scrapes /metrics right after an answer finds the answer counted.
        countRequest(req.method, res.status);
    }

    void countRequest(const std::string& method, int status)
    {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - t_requestStart)
                            .count();
        metrics.observeRequest(method, routeLabel(), status, double(us) / 1e6);
        t_counted = true;
    }

    void install()
    {
        httplib::Server& s = *http;
        const int threads = qMax(2, options.threads);
        s.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
        // httplib writes headers and body separately: with Nagle's algorithm the body waits for the client's
        // delayed ACK (40 ms on Linux) on every keep-alive response.
        s.set_tcp_nodelay(true);
        s.set_keep_alive_max_count(10000);
        s.set_keep_alive_timeout(5);
        s.set_read_timeout(30);
        s.set_write_timeout(30);
#ifndef Q_OS_WIN
        // httplib's default sets SO_REUSEPORT, which would let a second server bind the same port silently.
        s.set_socket_options([this](socket_t sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
            listenSocket = sock;
        });
#endif
        s.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
            t_requestStart = std::chrono::steady_clock::now();
            t_route = nullptr;
            t_counted = false;
            GuardedServer::headReceived();
            // An upload without a valid token is refused here, before the client sends a byte of its body.
            {
                Context ctx(req, res, nullptr);
                ctx.address = clientAddressOf(req, options.trustedProxies);
                const Router::Route* route = router.match(req.method, req.path, &ctx.params);
                if (route && route->body == Router::Body::Stream && req.method == "PUT") {
                    try {
                        api->authorizeUpload(ctx);
                    } catch (const ApiError& e) {
                        ctx.sendError(e);
                        res.set_header("Content-Length", std::to_string(res.body.size()));
                        res.set_header("Connection", "close");
                        return e.status;
                    } catch (const std::exception&) {
                        // A database problem: let the request run and fail where it is reported properly.
                    }
                }
            }
            // Expect: 100-continue lets us refuse an oversized upload before a single body byte is sent.
            if (req.has_header("Content-Length")) {
                bool ok = false;
                const qint64 length
                    = QString::fromStdString(req.get_header_value("Content-Length")).toLongLong(&ok);
                const qint64 limit = api->bodyLimit(req.method, req.path);
                if (ok && length > limit) {
                    Context ctx(req, res, nullptr);
                    try {
                        errors::payloadTooLarge(limit);
                    } catch (const ApiError& e) {
                        ctx.sendError(e);
                    }
                    // httplib 0.11 writes this early answer without Content-Length; without it the client
                    // would wait for the connection to close instead of reading the 413.
                    res.set_header("Content-Length", std::to_string(res.body.size()));
                    res.set_header("Connection", "close");
                    return 413;
                }
            }
            return 100;
        });
        s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
            t_requestStart = std::chrono::steady_clock::now();
            t_route = nullptr;
            t_counted = false;
            GuardedServer::headReceived();
            return httplib::Server::HandlerResponse::Unhandled;
        });
        const auto plain
            = [this](const httplib::Request& req, httplib::Response& res) { handle(req, res, nullptr); };
        const auto withBody = [this](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) { handle(req, res, &reader); };
        s.Get(".*", plain);
        s.Post(".*", withBody);
        s.Put(".*", withBody);
        s.Patch(".*", withBody);
        s.Delete(".*", withBody);
        s.Options(".*", plain);
        s.set_error_handler(
            httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
                if (!res.body.empty())
                    return httplib::Server::HandlerResponse::Unhandled;
                Context ctx(req, res, nullptr);
                ApiError e;
                e.status = res.status;
                e.code = res.status == 413 ? QStringLiteral("payload_too_large")
                    : res.status == 404    ? QStringLiteral("not_found")
                                           : QStringLiteral("bad_request");
                e.message = res.status == 413 ? QStringLiteral("Payload Too Large")
                    : res.status == 404       ? QStringLiteral("Not Found")
                    : res.status == 414       ? QStringLiteral("URI Too Long")
                                              : QStringLiteral("Bad Request");
                const int status = res.status;
                ctx.sendError(e);
                res.status = status;
                return httplib::Server::HandlerResponse::Handled;
            }));
        s.set_exception_handler(
            [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
                log(QStringLiteral("internal error on %1 %2")
                        .arg(QString::fromStdString(req.method), QString::fromStdString(routeLabel())),
                    "error");
                Context ctx(req, res, nullptr);
                ApiError e;
                e.status = 500;
                e.code = QStringLiteral("internal_error");
                e.message = QCoreApplication::translate("certdesk::Server",
                    "The service had an internal error; nothing was changed. Try again later.");
                ctx.sendError(e);
            });
        s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - t_requestStart)
                                .count();
            const std::string route = routeLabel();
            // Answers that did not reach handle() (a malformed request, an early 413 or 401 before the body).
            if (!t_counted)
                metrics.observeRequest(req.method, route, res.status, double(us) / 1e6);
            // Method, path (ids only: no query string, no body, no headers) and outcome.
            if (!options.quiet)
                logger->request(QString::fromStdString(req.method), QString::fromStdString(req.path),
                    QString::fromStdString(route), res.status, double(us) / 1000.0);
        });
    }

    // The metrics listener: GET /metrics and nothing else, a small pool (scrapes are rare).
    bool startMetrics(QString* error)
    {
        metricsHttp = std::make_unique<httplib::Server>();
        metricsHttp->new_task_queue = [] { return new httplib::ThreadPool(2); };
        metricsHttp->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            const QByteArray text = metrics.render(*database);
            res.set_content(
                text.constData(), size_t(text.size()), "text/plain; version=0.0.4; charset=utf-8");
        });
        const std::string host = options.metricsHost.toStdString();
        if (options.metricsPort == 0) {
            metricsPort = metricsHttp->bind_to_any_port(host);
        } else if (metricsHttp->bind_to_port(host, options.metricsPort)) {
            metricsPort = options.metricsPort;
        }
        if (metricsPort <= 0) {
            *error = QStringLiteral("cannot listen on %1:%2 for metrics")
                         .arg(options.metricsHost)
                         .arg(options.metricsPort);
            return false;
        }
        httplib::Server* server = metricsHttp.get();
        metricsListener = std::thread([server] { server->listen_after_bind(); });
        for (int i = 0; i < 2000 && !server->is_running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return true;
    }
};

Service::Service() = default;

Service::~Service()
{
    stop();
}

int Service::start(
    const QString& host, int port, const QString& dataDir, const ServiceOptions& options, QString* error)
{
    const std::lock_guard guard(m_mutex);
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return -1;
    };
    if (d)
        return fail(QStringLiteral("already running"));
    // httplib writes with send() without MSG_NOSIGNAL: a client that hangs up mid-response would raise
    // SIGPIPE, whose default action ends the process (the GUI too, when it embeds the service). Ignore it
    // unless the host process installed its own handler.
    platform::ignoreBrokenPipes();
    auto p = std::make_unique<Private>();
    p->options = options;
    p->logger = std::make_unique<ServiceLog>(
        options.jsonLogs ? ServiceLog::Format::Json : ServiceLog::Format::Text, options.logSink);
    {
        // What Api and its background work report goes through the same log (JSON when asked).
        const ServiceLog* logger = p->logger.get();
        p->options.logSink = [logger](const QString& line) { logger->write("info", "service", line); };
    }
    p->dataDir = QDir(dataDir).absolutePath();
    const bool existed = QDir(p->dataDir).exists();
    if (!QDir().mkpath(p->dataDir))
        return fail(QStringLiteral("cannot create the data dir %1").arg(p->dataDir));
    if (!existed)
        QFile::setPermissions(
            p->dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    DatabaseLocation location;
    location.sqlitePath = p->dataDir + QStringLiteral("/certdesk.db");
    if (options.database)
        location = *options.database;
    // On SQLite one process owns the data directory. On PostgreSQL the instances share it (documents, CA
    // material, the sealing key; docs/deployment.md) and the database serialises them.
    if (!location.isPostgres()) {
        p->lock = std::make_unique<QLockFile>(p->dataDir + QStringLiteral("/certdesk-server.lock"));
        p->lock->setStaleLockTime(0);
        if (!p->lock->tryLock(0))
            return fail(QStringLiteral("the data dir %1 is in use by another service").arg(p->dataDir));
    }
    // A sandbox directory holds seeded staff accounts with published passwords, training CAs with plain keys
    // and made-up applicants: it stays a sandbox for ever, and the service's own directory never receives
    // sandbox seeds (../shared/API.md, "Operations"). The mark is written when the sandbox makes the
    // directory; a directory of an earlier CertDesk's sandbox is recognised by its root CA key on disk
    // (outside the sandbox `ca init` never leaves one there).
    const QDir data(p->dataDir);
    const bool marked = data.exists(SandboxMarkFile);
    if (!options.sandbox && marked) {
        fail(QStringLiteral("%1 is a sandbox data directory (it was started with --sandbox): start it with "
                            "--sandbox, or give the service a data directory of its own")
                 .arg(p->dataDir));
        return kConfigurationError;
    }
    if (options.sandbox && !marked) {
        if (data.exists(QStringLiteral("certdesk.db"))
            && !data.exists(QStringLiteral("ca/sm2/root-ca.key"))) {
            fail(QStringLiteral("%1 is not a sandbox data directory (it holds a service's data): the sandbox "
                                "needs a directory of its own")
                     .arg(p->dataDir));
            return kConfigurationError;
        }
        QFile mark(data.filePath(SandboxMarkFile));
        if (!mark.open(QIODevice::WriteOnly)
            || mark.write("This data directory belongs to certdesk-server --sandbox; the service refuses "
                          "to start on it without --sandbox.\n")
                <= 0)
            return fail(QStringLiteral("cannot write %1").arg(mark.fileName()));
    }
    try {
        const int connections = options.databaseConnections.value_or(
            location.isPostgres() ? ServiceOptions::kPostgresConnections : options.threads);
        p->database = std::make_unique<Database>(location, connections);
        QString message;
        if (!p->database->migrate(&message))
            return fail(QStringLiteral("database: %1").arg(message));
        // Instances starting at once on one database take turns through the rest of the start: creating the
        // sandbox CA in the shared directory and seeding happen once.
        const NamedLock startup(*p->database, QStringLiteral("certdesk-server start"));
        checkStoreKind(*p->database, options.sandbox);
        p->documents = std::make_unique<DocumentStore>(p->dataDir + QStringLiteral("/documents"));
        if (!p->documents->init(&message))
            return fail(message);
        p->reference = std::make_unique<ReferenceData>();
        const bool tls = !options.tlsCertificateFile.isEmpty() && !options.tlsKeyFile.isEmpty();
        p->api
            = std::make_unique<Api>(*p->database, *p->documents, *p->reference, p->options, p->dataDir, tls);
        p->api->prepare();
        // Personal data, documents and keys live here: outside the sandbox a directory or file that other
        // users may read or enter is refused (the sandbox holds made-up data and is left alone).
        if (!options.sandbox) {
            const QString problem = openToOthers(p->dataDir);
            if (!problem.isEmpty())
                throw ConfigurationError(problem.toStdString());
        }
        p->api->registerRoutes(p->router);
        if (!options.legacyRevocationWebhook.isEmpty()) {
            RevocationWebhook::Settings settings;
            settings.url = options.legacyRevocationWebhook;
            const pki::SecureBytes secret = cakeys::readSecret(
                options.legacyRevocationWebhookSecretFile, "CERTDESK_REVOCATION_WEBHOOK_SECRET");
            if (secret.isEmpty())
                throw ConfigurationError(
                    "[legacy_ca] revocation_webhook needs its HMAC secret: revocation_webhook_secret_file or "
                    "CERTDESK_REVOCATION_WEBHOOK_SECRET");
            settings.secret = secret.toByteArray();
            settings.firstRetrySeconds = options.legacyRevocationWebhookRetrySeconds;
            Private* raw = p.get();
            p->revocationWebhook = std::make_unique<RevocationWebhook>(
                *p->database, settings, [raw](const QString& line) { raw->log(line, "info", "webhook"); });
            RevocationWebhook* webhook = p->revocationWebhook.get();
            p->api->setRevocationQueued([webhook] { webhook->wake(); });
            if (p->api->holdsLegacyCaKey())
                p->log(QStringLiteral(
                    "note: [legacy_ca] revocation_webhook is set, but the service holds the legacy CA's key "
                    "and "
                    "publishes revocations on its own legacy CRL; nothing new is queued for the webhook"));
        }
        GuardedServer::Limits limits;
        limits.headerTimeout = std::chrono::seconds(std::max(1, options.headerTimeoutSeconds));
        limits.bodyTimeout = std::chrono::seconds(std::max(1, options.bodyTimeoutSeconds));
        limits.maxPerAddress = std::max(1, options.maxConnectionsPerAddress);
        limits.trustedProxies = options.trustedProxies;
        p->http = std::make_unique<GuardedServer>(limits);
        if (tls) {
            QString message;
            if (!p->http->enableTls(options.tlsCertificateFile, options.tlsKeyFile, &message))
                return fail(message);
        }
        p->install();
        const std::string h = host.toStdString();
        if (port == 0) {
            p->port = p->http->bind_to_any_port(h);
            if (p->port <= 0)
                return fail(QStringLiteral("cannot listen on %1").arg(host));
        } else {
            if (!p->http->bind_to_port(h, port))
                return fail(QStringLiteral("cannot listen on %1:%2").arg(host).arg(port));
            p->port = port;
        }
#ifndef Q_OS_WIN
        // Debian's libcpp-httplib is compiled with a listen backlog of 5: under 64 connecting clients the
        // accept queue overflows and the dropped SYNs come back only after the 1 s retransmission timer (seen
        // as TcpExtListenOverflows and a p99 of about a second). listen() on a listening socket only changes
        // the backlog, so raise it here.
        if (p->listenSocket >= 0)
            ::listen(p->listenSocket, SOMAXCONN);
#endif
        if (options.metricsPort >= 0) {
            QString message;
            if (!p->startMetrics(&message))
                return fail(message);
        }
    } catch (const ConfigurationError& e) {
        fail(QString::fromUtf8(e.what()));
        return kConfigurationError;
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    httplib::Server* http = p->http.get();
    p->listener = std::thread([http] { http->listen_after_bind(); });
    // listen_after_bind sets is_running only once it starts; wait so stop() right after start() is clean.
    for (int i = 0; i < 2000 && !http->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    d = std::move(p);
    return d->port;
}

QString Service::startEmbeddedSandbox(const QString& dataDir, QString* error)
{
    ServiceOptions options;
    options.sandbox = true;
    options.quiet = true;
    const int port = start(QStringLiteral("127.0.0.1"), 0, dataDir, options, error);
    return port > 0 ? QStringLiteral("http://127.0.0.1:%1").arg(port) : QString();
}

void Service::stop()
{
    std::unique_ptr<Private> p;
    {
        const std::lock_guard guard(m_mutex);
        p = std::move(d);
    }
    if (!p)
        return;
    if (p->metricsHttp)
        p->metricsHttp->stop();
    if (p->metricsListener.joinable())
        p->metricsListener.join();
    if (p->http)
        p->http->stop();
    if (p->listener.joinable())
        p->listener.join();
    p->http.reset();
    p->revocationWebhook.reset();
    p->api.reset();
    p->documents.reset();
    p->database.reset();
    if (p->lock)
        p->lock->unlock();
}

bool Service::setStaffAccount(const QString& dataDir, const QString& username, const QString& password,
    const QStringList& roles, QString* error)
{
    DatabaseLocation location;
    location.sqlitePath = QDir(dataDir).absoluteFilePath(QStringLiteral("certdesk.db"));
    return setStaffAccount(dataDir, location, username, password, roles, error);
}

bool Service::setStaffAccount(const QString& dataDir, const DatabaseLocation& location,
    const QString& username, const QString& password, const QStringList& roles, QString* error)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    static const QStringList known {QStringLiteral("reviewer"), QStringLiteral("counter")};
    if (username.trimmed().isEmpty() || username.size() > 64)
        return fail(QStringLiteral("the user name must have 1 to 64 characters"));
    if (password.size() < 8)
        return fail(QStringLiteral("the password must have at least 8 characters"));
    if (roles.isEmpty())
        return fail(QStringLiteral("give at least one role"));
    for (const QString& role : roles) {
        if (!known.contains(role))
            return fail(QStringLiteral("unknown role %1 (reviewer, counter)").arg(role));
    }
    if (!QDir().mkpath(dataDir))
        return fail(QStringLiteral("cannot create the data dir"));
    try {
        Database database(location);
        QString message;
        if (!database.migrate(&message))
            return fail(message);
        const secrets::PasswordHash hash = secrets::hashPassword(password);
        WriteTransaction tx(database);
        run(tx.db(), QStringLiteral("DELETE FROM staff_users WHERE username = ?"), {username.trimmed()});
        run(tx.db(),
            QStringLiteral(
                "INSERT INTO staff_users (username, password_hash, salt, iterations, roles, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"),
            {username.trimmed(), hash.hashHex, hash.saltHex, hash.iterations, roles.join(QLatin1Char(',')),
                QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
        // Sessions of the old password end.
        run(tx.db(), QStringLiteral("DELETE FROM staff_sessions WHERE username = ?"), {username.trimmed()});
        tx.commit();
        return true;
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

bool Service::isRunning() const
{
    const std::lock_guard guard(m_mutex);
    return d && d->http && d->http->is_running();
}

int Service::port() const
{
    const std::lock_guard guard(m_mutex);
    return d ? d->port : -1;
}

int Service::metricsPort() const
{
    const std::lock_guard guard(m_mutex);
    return d ? d->metricsPort : -1;
}

} // namespace certdesk::server
