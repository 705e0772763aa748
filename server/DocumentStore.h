#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <memory>
#include <optional>
#include <semaphore>

namespace certdesk::server {

// Uploaded documents as files named by their SHA-256 under <data dir>/documents. An upload streams into a
// temp file while it is hashed (memory stays flat whatever the size), is fsynced, and is then renamed into
// place, so an acknowledged document survives a kill right after the response.
class DocumentStore
{
public:
    explicit DocumentStore(const QString& directory);

    // Creates the directories. false and *error on failure.
    [[nodiscard]] bool init(QString* error);

    // The content type that the leading bytes are (JPEG FF D8 FF, PNG signature, GIF87a/GIF89a, BMP "BM",
    // "%PDF-"), or nullopt when they are none of the accepted types.
    [[nodiscard]] static std::optional<QString> sniff(const QByteArray& head);
    // "image/jpeg; charset=x" -> "image/jpeg" (lower case) when it is an accepted type, else empty.
    [[nodiscard]] static QString acceptedType(const QString& contentTypeHeader);
    [[nodiscard]] static QStringList acceptedTypes();

    enum class Check
    {
        Ok,
        TooManyPixels,
        Undecodable
    };
    // Images: reads the header for the pixel count (no decoding above `maxPixels`), then decodes to prove the
    // file is an image. PDFs: the header and an end-of-file marker near the end.
    [[nodiscard]] Check check(const QString& path, const QString& contentType, qint64 maxPixels);

    // One upload in progress.
    class Upload
    {
    public:
        explicit Upload(const QString& tempPath);
        ~Upload(); // removes the temp file unless it was stored
        Upload(const Upload&) = delete;
        Upload& operator=(const Upload&) = delete;

        [[nodiscard]] bool isOpen() const { return m_file.isOpen(); }
        [[nodiscard]] bool append(const char* data, size_t size);
        // Flushes and fsyncs; false on an I/O error.
        [[nodiscard]] bool finish();
        [[nodiscard]] qint64 size() const { return m_size; }
        [[nodiscard]] QByteArray head() const { return m_head; }
        [[nodiscard]] QString sha256() const { return m_sha256; }
        [[nodiscard]] QString path() const { return m_file.fileName(); }

    private:
        friend class DocumentStore;
        QFile m_file;
        QCryptographicHash m_hash {QCryptographicHash::Sha256};
        QByteArray m_head;
        QString m_sha256;
        qint64 m_size = 0;
        bool m_stored = false;
    };

    [[nodiscard]] std::unique_ptr<Upload> begin();
    // Moves a finished upload to its content address (a file with that hash already there is kept) and syncs
    // the directory. false on an I/O error.
    [[nodiscard]] bool store(Upload& upload);
    [[nodiscard]] QString pathOf(const QString& sha256) const;
    // Deletes the stored file of `sha256` (no application refers to it any more). Call with the database's
    // write lock held, the same lock under which store() and the row that refers to a file are made, so a
    // concurrent upload of the same bytes cannot lose its file.
    void remove(const QString& sha256);

private:
    QString m_dir;
    // Decoding a large image takes up to a few hundred MB; at most two at a time.
    std::counting_semaphore<2> m_decodeSlots {2};
};

} // namespace certdesk::server
