#pragma once

#include "api/ApiTypes.h"
#include "domain/Checklist.h"

#include <QFrame>
#include <QPointer>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace certdesk::api {
class ApiReplyBase;
}

namespace certdesk::ui {

class CentreSession;
class DocumentJob;

// One required document of the upload step (上传资料): its name and the guide's rule, where it comes from (a
// file, drag and drop, or the scanner), normalisation in a DocumentJob with progress and cancel, a thumbnail,
// the upload with a progress bar, and replacing it. Nothing is uploaded unless the bytes passed every check
// (type from the bytes, decodable, within the service's limit); each refusal is one clear message.
class DocumentSlot : public QFrame
{
    Q_OBJECT
public:
    enum class Phase
    {
        Idle,
        Preparing, // DocumentJob running
        Uploading,
    };

    DocumentSlot(DocumentKind kind, CentreSession* session, QWidget* parent = nullptr);
    ~DocumentSlot() override;

    [[nodiscard]] DocumentKind kind() const { return m_kind; }
    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool isBusy() const { return m_phase != Phase::Idle; }
    // Uploaded or not, as last set or as the last upload here left it.
    [[nodiscard]] DocumentState state() const { return m_state; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QString statusText() const;
    // The result of the QR code check of a form CertDesk printed (申请表, 电子印章采集表):
    // checked, or could not be read. Empty for other documents and before an upload.
    [[nodiscard]] QString letterCheckText() const;

    // Updates from the application: uploaded or not, what the service stored, whether it may change, the
    // reviewer's reason when the rejection names this document.
    void setState(DocumentState state, const std::optional<api::StoredDocument>& stored, bool editable,
        const QString& rejection);
    // Another slot is scanning: one scan at a time.
    void setScannerFree(bool free);

    // Sources. startFile() is what the file button and drag and drop do after choosing.
    void chooseFile();
    void startFile(const QString& path);
    void startScan();
    void cancel();

    // Draws attention to the slot (a rejection link leads here).
    void highlight();

Q_SIGNALS:
    void uploaded(DocumentKind kind);
    void busyChanged(bool busy);
    void scanningChanged(bool scanning);
    // The 电子印章采集表 template (模板下载) was asked for.
    void templateRequested();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void startJob(DocumentJob* job, bool scanning);
    void jobFinished();
    void upload();
    void setPhase(Phase phase);
    void showError(const QString& message);
    void updateButtons();
    void refreshDisplay();
    void setFrameColor(const QString& color);
    [[nodiscard]] bool fileSourceAllowed() const;
    [[nodiscard]] QString objectSuffix() const;
    [[nodiscard]] bool checksLetterCode() const;
    // Refuses a form printed for another application (or the other form): the message, or empty when the
    // upload may go ahead (then m_letterCheck holds the note to show).
    [[nodiscard]] QString checkLetterCode(const DocumentJob& job);
    void setLetterCheck(const QString& note);

    DocumentKind m_kind;
    CentreSession* m_session;
    Phase m_phase = Phase::Idle;
    bool m_editable = false;
    bool m_scannerFree = true;
    bool m_scanning = false;
    bool m_uploadedHere = false;
    DocumentState m_state = DocumentState::Missing;
    std::optional<api::StoredDocument> m_stored;
    QString m_rejectionText;
    QByteArray m_pendingBytes;
    QString m_pendingType;
    DocumentJob* m_job = nullptr;
    QPointer<api::ApiReplyBase> m_upload;

    QLabel* m_title;
    QLabel* m_rule;
    QLabel* m_thumbnail;
    QLabel* m_status;
    QLabel* m_rejection;
    QLabel* m_error;
    QLabel* m_letterCheck;
    QProgressBar* m_progress;
    QPushButton* m_choose;
    QPushButton* m_scan;
    QPushButton* m_cancel;
    QPushButton* m_template = nullptr;
};

} // namespace certdesk::ui
