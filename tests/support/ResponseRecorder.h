#pragma once

#include <QByteArray>

class QObject;

namespace certdesk::test {

// Every response the tests receive from certdesk-server, checked against docs/openapi.yaml so that the
// document cannot drift from the code: when the environment variable CERTDESK_RECORD_RESPONSES names a file
// (ctest sets it, see tests/openapi/CMakeLists.txt), each response is appended to it as one JSON line
// {"method", "path", "status", "content_type", "body"} ("body" only for JSON bodies, as parsed JSON). Without
// the variable nothing is recorded. Thread-safe; one write per line.
void recordResponse(const QByteArray& method, const QByteArray& path, int status,
    const QByteArray& contentType, const QByteArray& body);

// Records the replies of the QNetworkAccessManager inside `client` (an api::ApiClient): the manager's
// finished() comes before the client reads the reply, so peek() sees the whole body without taking it away.
void recordReplies(QObject* client);

} // namespace certdesk::test
