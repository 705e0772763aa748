#pragma once

#include "api/ApiTypes.h"
#include "domain/Checklist.h"

#include <QByteArray>
#include <QImage>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;

namespace certdesk::ui {

class CounterSession;

// The uploaded documents of one application for the reviewer (GET /staff/applications/{id}/documents/{kind}):
// a list of the required kinds (missing ones marked), the chosen one shown whole when it is an image (or at
// the width of the view, to read the small print and the stamp); a PDF (Qt 6.4 has no PDF renderer in its
// base modules) shows its size and type and opens in the system viewer from the session's private temporary
// folder. Images can be opened there too, at full size.
class DocumentViewer : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentViewer(CounterSession* session, QWidget* parent = nullptr);

    void setApplication(const QString& applicationId, const QString& orderNo, CertificateCategory category,
        const QList<api::StoredDocument>& documents);
    void clear();
    // Shows the document of this kind (as a click on it does).
    void showDocument(DocumentKind kind);
    // The document on display: its bytes and type (empty while loading or when none).
    [[nodiscard]] const QByteArray& currentBytes() const { return m_bytes; }
    [[nodiscard]] QString currentContentType() const { return m_contentType; }
    [[nodiscard]] QString infoText() const;

public Q_SLOTS:
    // Writes the current document to the session's temporary folder and opens it with the system viewer.
    void openExternally();

Q_SIGNALS:
    // A document was fetched and is on display (tests wait on it).
    void documentShown(certdesk::DocumentKind kind);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showImage();

    CounterSession* m_session;
    QListWidget* m_list;
    QLabel* m_info;
    QScrollArea* m_scroll;
    QLabel* m_image;
    QPushButton* m_open;
    QPushButton* m_fitWidth;
    QString m_applicationId;
    QString m_orderNo;
    CertificateCategory m_category = CertificateCategory::Institution;
    QByteArray m_bytes;
    QString m_contentType;
    QImage m_picture;
    std::optional<DocumentKind> m_kind;
    int m_generation = 0;
};

} // namespace certdesk::ui
