#pragma once

#include "documents/DocumentError.h"
#include "documents/ImageNormalizer.h"
#include "documents/ScanSource.h"
#include "print/LetterPayload.h"

#include <QFuture>
#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace certdesk::ui {

// Prepares one document for upload off the GUI thread (STYLE.md: long work is a job with progress and
// cancel): reads a file or scans a page, normalises it with core/documents' ImageNormalizer (type from the
// bytes, orientation, A4 at 200 dpi, JPEG under the service's limit) and makes a thumbnail. finished() is
// emitted on the GUI thread exactly once, also after cancel(). Destroying a running job cancels it and waits
// for the worker.
class DocumentJob : public QObject
{
    Q_OBJECT
public:
    struct Output
    {
        documents::NormalizedDocument document;
        QImage thumbnail; // null for a PDF
        // With setReadLetterCode(true): the CertDesk QR codes (print::LetterPayload) read from the normalised
        // picture, so that a stamped form can be matched to its application; empty when none could be read
        // (a blurred photo, a PDF, a page without a code).
        bool letterCodeChecked = false;
        QList<print::LetterPayload> letterPayloads;
    };
    using Result = documents::DocumentResult<Output>;

    // A file chosen or dropped by the person: its name's suffix must match its bytes.
    [[nodiscard]] static DocumentJob* fromFile(
        const QString& path, const documents::NormalizerOptions& options, QObject* parent = nullptr);
    // One page from `scanner` (not owned; used from the worker thread while the job runs).
    [[nodiscard]] static DocumentJob* fromScanner(documents::ScanSource* scanner,
        const documents::ScanOptions& scanOptions, const documents::NormalizerOptions& options,
        QObject* parent = nullptr);

    ~DocumentJob() override;

    // Also read the QR codes of the normalised picture (LetterQrReader), in the worker. Call before start().
    void setReadLetterCode(bool read) { m_readLetterCode = read; }
    void start();
    // Asks the worker to stop at its next step; finished() follows with DocumentStatus::Cancelled.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }
    // After finished().
    [[nodiscard]] const Result& result() const;

    // Thumbnail side in pixels (the longer edge).
    static constexpr int ThumbnailSide = 128;

Q_SIGNALS:
    void progress(int percent);
    void finished();

private:
    using Work = std::function<Result(
        const std::atomic_bool* cancel, const std::function<void(int)>& progress, bool readLetterCode)>;
    DocumentJob(Work work, QObject* parent);
    void reportProgress(int percent);

    Work m_work;
    std::atomic_bool m_cancel {false};
    std::atomic_int m_lastProgress {-1};
    QFuture<void> m_future;
    std::optional<Result> m_result;
    bool m_running = false;
    bool m_readLetterCode = false;
};

} // namespace certdesk::ui
