#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace certdesk::ui {

class CounterSession;

// Sign-in of the counter staff (POST /staff/sessions). The password field is cleared after every attempt;
// nothing is remembered but the user name.
class StaffLoginPage : public QWidget
{
    Q_OBJECT
public:
    explicit StaffLoginPage(CounterSession* session, QWidget* parent = nullptr);

    // A line above the form ("Your session expired ..."); empty hides it.
    void setNotice(const QString& notice);
    [[nodiscard]] QString errorText() const;

public Q_SLOTS:
    void login();

private:
    CounterSession* m_session;
    QLabel* m_notice;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QPushButton* m_login;
    QLabel* m_error;
    bool m_busy = false;
};

} // namespace certdesk::ui
