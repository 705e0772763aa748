#pragma once

#include "api/ApiTypes.h"
#include "domain/Checklist.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace certdesk::ui {

class CentreSession;
class DocumentSlot;

// 上传资料: one DocumentSlot per document the category requires (requiredDocuments()), the guide's notes,
// the accepted types and the size limit from GET /config. Uploads are allowed while the application is a
// draft or rejected. When the holder on the form differs from the old certificate's (`holder_changed`, or a
// rejection that asks for it), the page says so and adds the slot of the proof of the change
// (holder_change_proof), which the CA needs before it approves: going on waits for it too.
class DocumentsPage : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentsPage(CentreSession* session, QWidget* parent = nullptr);

    [[nodiscard]] DocumentSlot* slotFor(DocumentKind kind) const { return m_slots.value(kind); }
    [[nodiscard]] QList<DocumentSlot*> documentSlots() const { return m_slots.values(); }
    [[nodiscard]] bool isBusy() const;
    // Whether the proof of the holder's change is asked for (its slot and the notice are shown).
    [[nodiscard]] bool asksForHolderChangeProof() const;
    // Shows the slot of `kind` and draws attention to it (from a rejection reason).
    void showDocument(DocumentKind kind);

Q_SIGNALS:
    void nextRequested();
    void templateRequested();

private:
    void rebuild();
    // Adds or removes the slot of the proof of the holder's change as the application asks.
    void updateHolderChangeSlot();
    void addSlot(DocumentKind kind, int index);
    void updateFromApplication();
    void updateIntro();
    void loadStoredDocuments();

    CentreSession* m_session;
    QLabel* m_intro;
    QLabel* m_limits;
    QLabel* m_locked;
    QLabel* m_holderChange;
    QScrollArea* m_scroll;
    QWidget* m_slotsHost;
    QVBoxLayout* m_slotsLayout;
    QPushButton* m_next;
    QMap<DocumentKind, DocumentSlot*> m_slots;
    QMap<DocumentKind, api::StoredDocument> m_stored;
    bool m_built = false;
    CertificateCategory m_builtFor = CertificateCategory::Institution;
};

} // namespace certdesk::ui
