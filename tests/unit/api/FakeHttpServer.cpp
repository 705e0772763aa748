#include "FakeHttpServer.h"

#include <QSslServer>
#include <QTcpSocket>

namespace certdesk::test {

FakeHttpServer::Response FakeHttpServer::Response::json(int status, const QByteArray& body)
{
    Response response;
    response.status = status;
    response.body = body;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return response;
}

FakeHttpServer::Response FakeHttpServer::Response::hang()
{
    Response response;
    response.action = Action::Hang;
    return response;
}

FakeHttpServer::Response FakeHttpServer::Response::close()
{
    Response response;
    response.action = Action::Close;
    return response;
}

FakeHttpServer::FakeHttpServer(QObject* parent)
    : QObject(parent)
{ }

bool FakeHttpServer::listen()
{
    m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeHttpServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FakeHttpServer::listenTls(const QSslConfiguration& configuration)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    // The client refusing our certificate is a test outcome, not a server problem.
    connect(server.get(), &QSslServer::errorOccurred, this,
        [](QSslSocket* socket, QAbstractSocket::SocketError) { socket->deleteLater(); });
    m_server = std::move(server);
    m_tls = true;
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeHttpServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeHttpServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server->serverPort());
    return url;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
        // QSslServer hands the socket over after the handshake: the request may already be buffered.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket* socket)
{
    const QByteArray chunk = socket->readAll();
    m_bytesReceived += chunk.size();
    QByteArray& buffer = m_buffers[socket];
    buffer += chunk;
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(
                lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.header("content-length").toLongLong();
    if (buffer.size() - headerEnd - 4 < length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    m_requests.append(request);

    Response response;
    if (m_handler)
        response = m_handler(request);
    else if (!m_script.isEmpty())
        response = m_script.takeFirst();
    else
        response
            = Response::json(500, QByteArrayLiteral("{\"error\":{\"code\":\"no_script\",\"message\":\"\"}}"));

    Q_EMIT requestReceived();
    switch (response.action) {
    case Response::Action::Hang:
        return;
    case Response::Action::Close:
        socket->abort();
        return;
    case Response::Action::Respond:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Status\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    out += response.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace certdesk::test
