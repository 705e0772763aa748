#pragma once

#include "api/ApiTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace certdesk::ui {

class CounterSession;

// 对公转账确认: corporate transfers the applicants said they made, waiting for the counter to see the money
// on the CA's account (POST /staff/payments/{id}/confirm, role counter). The list is built from the
// applications not yet in review and their pending corporate_transfer payments.
class PaymentsPage : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString applicationId;
        QString orderNo;
        QString holder;
        // The paying account as the form gives it (基本户): clerks match it against the CA's statement.
        QString accountName;
        QString accountNumber;
        // The paying account's branch by name (the code only when the service gave no name).
        QString bank;
        api::PaymentRecord payment;
    };

    explicit PaymentsPage(CounterSession* session, QWidget* parent = nullptr);

    [[nodiscard]] QList<Row> rows() const { return m_rows; }
    [[nodiscard]] QTreeWidget* list() const { return m_tree; }
    [[nodiscard]] QString resultText() const;

public Q_SLOTS:
    void refresh();
    void confirmSelected();

Q_SIGNALS:
    void refreshed();

private:
    void fill();
    void updateButtons();

    CounterSession* m_session;
    QTreeWidget* m_tree;
    QPushButton* m_refresh;
    QPushButton* m_confirm;
    QLabel* m_status;
    QLabel* m_result;
    QList<Row> m_rows;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace certdesk::ui
