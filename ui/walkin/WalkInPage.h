#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace certdesk::api {
class ApiClient;
}

namespace certdesk::ui {

// 柜台 → 现场申请人: the clerk finds a walk-in's application by order number or mobile and, with the
// applicant's consent, has the service send the applicant the 个人中心 SMS code; the applicant tells the
// clerk the code, and the clerk continues in 个人中心 with it (continueWithCode()). The counter never opens
// an application for the applicant without that code.
class WalkInPage : public QWidget
{
    Q_OBJECT
public:
    explicit WalkInPage(api::ApiClient* api, QWidget* parent = nullptr);

    [[nodiscard]] int resultCount() const;
    [[nodiscard]] bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void search();

Q_SIGNALS:
    // Send the SMS code to `mobile` and ask the applicant for it.
    void continueWithCode(const QString& mobile);

private:
    void updateButtons();

    api::ApiClient* m_api;
    QLineEdit* m_query;
    QPushButton* m_search;
    QTreeWidget* m_list;
    QPushButton* m_continue;
    QLabel* m_message;
    bool m_busy = false;
};

} // namespace certdesk::ui
