#pragma once

#include "api/ApiTypes.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTabWidget;

namespace certdesk::ui {

class ApplicationDetails;
class ApplicationQueue;
class CounterSession;
class DocumentViewer;
class RejectReasonsEditor;

// 审核: the applications in review. The chosen one shows every field (unmasked) and its documents; the
// reviewer approves it (on to issuance) or returns it with reasons, each pointing at a field or a document,
// which the applicant then sees at that field or document. Approve and reject need the reviewer role.
class ReviewQueuePage : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewQueuePage(CounterSession* session, QWidget* parent = nullptr);

    [[nodiscard]] ApplicationQueue* queue() const { return m_queue; }
    [[nodiscard]] DocumentViewer* documents() const { return m_documents; }
    [[nodiscard]] RejectReasonsEditor* reasons() const { return m_reasons; }
    [[nodiscard]] ApplicationDetails* details() const { return m_details; }
    // The loaded application (after the chosen one was fetched).
    [[nodiscard]] const std::optional<api::StaffApplicationView>& loaded() const { return m_view; }
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QLabel* holderComparison() const { return m_holders; }
    [[nodiscard]] QCheckBox* acceptHolderChange() const { return m_acceptHolderChange; }

public Q_SLOTS:
    void refresh();
    void approve();
    void reject();

Q_SIGNALS:
    // The chosen application was fetched and is shown (tests wait on it).
    void applicationLoaded(const QString& applicationId);

private:
    void load(const QString& id);
    void updateButtons();
    void showHolders();
    void setResult(const QString& text, bool error = false);

    CounterSession* m_session;
    ApplicationQueue* m_queue;
    QLabel* m_placeholder;
    QWidget* m_detailPane;
    ApplicationDetails* m_details;
    QTabWidget* m_detailTabs;
    DocumentViewer* m_documents;
    RejectReasonsEditor* m_reasons;
    // The old certificate's holder beside the form's, and the reviewer's acceptance of a changed holder.
    QLabel* m_holders;
    QCheckBox* m_acceptHolderChange;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QLabel* m_roleNote;
    QLabel* m_result;
    std::optional<api::StaffApplicationView> m_view;
    bool m_busy = false;
    int m_generation = 0;
};

} // namespace certdesk::ui
