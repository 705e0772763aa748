#pragma once

#include "documents/ScanHelperProtocol.h"

#include <QByteArrayView>
#include <QImage>

namespace certdesk::documents::scanhelper {

// The caller's side of the scan helper's protocol (ScanHelperProtocol.h), where the page becomes a QImage.

// A whole page as one frame, with its data and end: Format_Mono (bit 1 black), Grayscale8, Grayscale16 or
// RGB888. For a sender that has the page at hand.
[[nodiscard]] QByteArray imageMessage(const QImage& image);

// Reads the helper's stdout incrementally: feed() whatever arrived, then take what it completed. Once a final
// message is complete (or the stream is malformed) further bytes are ignored.
class MessageReader
{
public:
    // The shared page's bytes (SharedScanPage::bytes()), for {"shared"} messages; they must stay valid while
    // this reader is fed. Without a page such messages break the protocol.
    void setSharedPage(QByteArrayView page) { m_sharedPage = page; }

    void feed(const QByteArray& bytes);
    void feed(const char* data, qsizetype size);

    // Progress reports completed since the last call, oldest first.
    [[nodiscard]] QList<int> takeProgress();
    [[nodiscard]] bool hasFinal() const { return m_final.has_value(); }
    // Set when the stream broke the protocol; the reader then stops.
    [[nodiscard]] const QString& protocolError() const { return m_protocolError; }

    // The final message, once hasFinal(): devices, an image or an error (also for a page whose frames do not
    // make an image).
    struct Final
    {
        std::optional<QList<ScanDevice>> devices;
        std::optional<QImage> image;
        std::optional<DocumentError> error;
    };
    [[nodiscard]] const Final& final() const { return *m_final; }

private:
    void parseLine(const QByteArray& line);
    void fail(const QString& why);

    QByteArray m_buffer;
    QList<int> m_progress;
    std::optional<Final> m_final;
    QString m_protocolError;
    // The page so far: its frames, their bytes from the pipe and their bytes in the shared page, all bytes
    // announced, and the bytes still due of a piece from the pipe.
    QList<ScanFrame> m_frames;
    QList<QByteArray> m_planes;
    QList<qint64> m_sharedSizes;
    qint64 m_received = 0;
    qint64 m_dataRemaining = 0;
    QByteArrayView m_sharedPage;
    qint64 m_sharedEnd = 0;
};

} // namespace certdesk::documents::scanhelper
