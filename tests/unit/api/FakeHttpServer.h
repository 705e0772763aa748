#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>
#include <functional>
#include <memory>

namespace certdesk::test {

// A scripted HTTP/1.1 server on loopback for the API client's unit tests: it records every request and
// answers with the next scripted response. Each answer closes the connection, so every attempt of the client
// is a new connection and a new recorded request.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path and query as sent ("/api/v1/banks?q=...")
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        [[nodiscard]] QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
    };

    struct Response
    {
        enum class Action
        {
            Respond,
            Hang,
            Close
        };
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        Action action = Action::Respond;

        static Response json(int status, const QByteArray& body);
        static Response hang();
        static Response close();
    };

    explicit FakeHttpServer(QObject* parent = nullptr);

    [[nodiscard]] bool listen();
    // HTTPS with the given local certificate and key (QSslServer).
    [[nodiscard]] bool listenTls(const QSslConfiguration& configuration);
    [[nodiscard]] QUrl url() const;
    void enqueue(const Response& response) { m_script.append(response); }
    // When set, answers every request (the script is ignored).
    void setHandler(std::function<Response(const Request&)> handler) { m_handler = std::move(handler); }
    [[nodiscard]] const QList<Request>& requests() const { return m_requests; }
    // Requests whose headers have arrived but whose body is still coming: counts bytes received.
    [[nodiscard]] qint64 bytesReceived() const { return m_bytesReceived; }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QList<Response> m_script;
    std::function<Response(const Request&)> m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    qint64 m_bytesReceived = 0;
};

} // namespace certdesk::test
