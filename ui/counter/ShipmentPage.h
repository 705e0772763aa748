#pragma once

#include "api/ApiTypes.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace certdesk::ui {

class ApplicationQueue;
class CounterSession;
class OldCertificateStatusLabel;

// 寄送 / 交付: programmed UKeys (issued) and those on their way (shipped). Record the courier and tracking
// number (the applicant sees them), print the mailing label for the parcel, or record the handover at the
// counter (or the delivery). Needs the counter role.
class ShipmentPage : public QWidget
{
    Q_OBJECT
public:
    explicit ShipmentPage(CounterSession* session, QWidget* parent = nullptr);

    [[nodiscard]] ApplicationQueue* queue() const { return m_queue; }
    [[nodiscard]] const std::optional<api::StaffApplicationView>& loaded() const { return m_view; }
    [[nodiscard]] QString resultText() const;
    [[nodiscard]] QString recipientText() const;
    [[nodiscard]] OldCertificateStatusLabel* oldCertificateStatus() const { return m_oldCertificate; }

public Q_SLOTS:
    void refresh();
    void recordShipment();
    void recordHandover();
    void printLabel();

Q_SIGNALS:
    void applicationLoaded(const QString& applicationId);

private:
    void load(const QString& id);
    void updateButtons();
    void setResult(const QString& text, bool error = false);

    CounterSession* m_session;
    ApplicationQueue* m_queue;
    QLabel* m_recipient;
    // The old certificate's status from the CA's OCSP responder (revoked at confirmation).
    OldCertificateStatusLabel* m_oldCertificate;
    QComboBox* m_carrier;
    QLineEdit* m_tracking;
    QPushButton* m_ship;
    QPushButton* m_handover;
    QPushButton* m_print;
    QLabel* m_roleNote;
    QLabel* m_result;
    std::optional<api::StaffApplicationView> m_view;
    bool m_busy = false;
    int m_generation = 0;
};

} // namespace certdesk::ui
