#include "centre/DocumentJob.h"

#include "documents/LetterQrReader.h"

#include <QtConcurrent/QtConcurrentRun>

namespace certdesk::ui {

namespace {

DocumentJob::Result withThumbnail(
    documents::DocumentResult<documents::NormalizedDocument> normalized, bool readLetterCode)
{
    if (!normalized.ok())
        return normalized.error();
    DocumentJob::Output out;
    out.document = std::move(normalized).value();
    out.letterCodeChecked = readLetterCode;
    if (documents::isImage(out.document.type)) {
        // Decoding the normalised JPEG again (at most A4 at 200 dpi) is cheap here and keeps the GUI thread
        // free of image work.
        const QImage full = QImage::fromData(out.document.bytes);
        if (!full.isNull()) {
            out.thumbnail = full.scaled(DocumentJob::ThumbnailSide, DocumentJob::ThumbnailSide,
                Qt::KeepAspectRatio, Qt::SmoothTransformation);
            // The normalised picture is what the reviewer sees: if its code is readable there, it was
            // readable for them too. (A few hundred ms at A4 200 dpi, hence here and not on the GUI thread.)
            if (readLetterCode)
                out.letterPayloads = documents::LetterQrReader::readLetterPayloads(full);
        }
    }
    return out;
}

} // namespace

DocumentJob* DocumentJob::fromFile(
    const QString& path, const documents::NormalizerOptions& options, QObject* parent)
{
    return new DocumentJob(
        [path, options](const std::atomic_bool* cancel, const std::function<void(int)>& progress,
            bool readLetterCode) -> Result {
            documents::ImageNormalizer normalizer(options);
            normalizer.setCancelFlag(cancel);
            normalizer.setProgressCallback(progress);
            return withThumbnail(normalizer.normalizeFile(path), readLetterCode);
        },
        parent);
}

DocumentJob* DocumentJob::fromScanner(documents::ScanSource* scanner,
    const documents::ScanOptions& scanOptions, const documents::NormalizerOptions& options, QObject* parent)
{
    return new DocumentJob(
        [scanner, scanOptions, options](const std::atomic_bool* cancel,
            const std::function<void(int)>& progress, bool readLetterCode) -> Result {
            if (!scanner)
                return documents::DocumentError {
                    documents::DocumentStatus::NoScanner, QStringLiteral("no scan source")};
            // The scan is the slow part (seconds at 200 dpi): it gets the first 70 % of the bar.
            auto scanned = scanner->scan(scanOptions, cancel, [&progress](int p) { progress(p * 70 / 100); });
            if (!scanned.ok())
                return scanned.error();
            documents::ImageNormalizer normalizer(options);
            normalizer.setCancelFlag(cancel);
            normalizer.setProgressCallback([&progress](int p) { progress(70 + p * 30 / 100); });
            return withThumbnail(normalizer.normalizeImage(scanned.value()), readLetterCode);
        },
        parent);
}

DocumentJob::DocumentJob(Work work, QObject* parent)
    : QObject(parent)
    , m_work(std::move(work))
{ }

DocumentJob::~DocumentJob()
{
    // The worker posts progress to this object and reads m_cancel: it must be gone before we are.
    m_cancel = true;
    m_future.waitForFinished();
}

void DocumentJob::start()
{
    if (m_running || m_result)
        return;
    m_running = true;
    m_future = QtConcurrent::run([this] {
        auto result = std::make_shared<Result>(m_work(
            &m_cancel, [this](int p) { reportProgress(p); }, m_readLetterCode));
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_result.emplace(std::move(*result));
                m_running = false;
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    });
}

void DocumentJob::cancel()
{
    m_cancel = true;
}

const DocumentJob::Result& DocumentJob::result() const
{
    static const Result notFinished(
        documents::DocumentError {documents::DocumentStatus::Cancelled, QStringLiteral("not finished")});
    return m_result ? *m_result : notFinished;
}

void DocumentJob::reportProgress(int percent)
{
    // From the worker thread: only changes are posted, so a chatty callback cannot flood the event queue.
    if (m_lastProgress.exchange(percent) == percent)
        return;
    QMetaObject::invokeMethod(
        this, [this, percent] { Q_EMIT progress(percent); }, Qt::QueuedConnection);
}

} // namespace certdesk::ui
