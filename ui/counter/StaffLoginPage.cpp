#include "counter/StaffLoginPage.h"

#include "counter/CounterSession.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace certdesk::ui {

StaffLoginPage::StaffLoginPage(CounterSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_notice(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_login(new QPushButton(tr("Sign in"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("staffLoginPage"));
    m_notice->setObjectName(QStringLiteral("staffLoginNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("background: #fff3e0; color: #8a4b00; padding: 8px;"));
    m_notice->setVisible(false);
    m_username->setObjectName(QStringLiteral("staffUsernameEdit"));
    m_username->setAccessibleName(tr("Staff user name"));
    m_password->setObjectName(QStringLiteral("staffPasswordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_login->setObjectName(QStringLiteral("staffLoginButton"));
    m_login->setAccessibleName(tr("Sign in"));
    m_login->setDefault(true);
    m_error->setObjectName(QStringLiteral("staffLoginError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto* box = new QGroupBox(tr("Counter staff sign-in"), this);
    box->setObjectName(QStringLiteral("staffLoginBox"));
    box->setMaximumWidth(520);
    auto* form = new QFormLayout;
    form->addRow(tr("User name:"), m_username);
    form->addRow(tr("Password:"), m_password);
    auto* boxLayout = new QVBoxLayout(box);
    auto* hint
        = new QLabel(tr("Reviewers approve or return applications; counter clerks confirm transfers, program "
                        "UKeys and send them. Sign in with the account the CA gave you."),
            box);
    hint->setWordWrap(true);
    boxLayout->addWidget(hint);
    boxLayout->addLayout(form);
    boxLayout->addWidget(m_error);
    boxLayout->addWidget(m_login, 0, Qt::AlignRight);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_notice, 0, Qt::AlignHCenter);
    layout->addWidget(box, 0, Qt::AlignHCenter);
    layout->addStretch(2);

    connect(m_login, &QPushButton::clicked, this, &StaffLoginPage::login);
    connect(m_password, &QLineEdit::returnPressed, this, &StaffLoginPage::login);
    connect(m_username, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
}

void StaffLoginPage::setNotice(const QString& notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

QString StaffLoginPage::errorText() const
{
    return m_error->text();
}

void StaffLoginPage::login()
{
    if (m_busy)
        return;
    m_busy = true;
    m_login->setEnabled(false);
    m_error->setText(tr("Signing in…"));
    QString password = m_password->text();
    m_password->clear();
    m_session->login(m_username->text(), std::move(password), [this](const QString& error) {
        m_busy = false;
        m_login->setEnabled(true);
        m_error->setText(error);
        if (error.isEmpty())
            setNotice({});
        else
            m_password->setFocus();
    });
}

} // namespace certdesk::ui
