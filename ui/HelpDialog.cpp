#include "HelpDialog.h"

#include "domain/CaContact.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace certdesk::ui {

QString HelpDialog::helpHtml()
{
    // The translation catalogue names the help file for its language, so help follows the UI language.
    const QString file = QCoreApplication::translate("certdesk::ui::HelpDialog", "help_en.html");
    QFile f(QStringLiteral(":/certdesk/help/") + file);
    QString html;
    if (f.open(QIODevice::ReadOnly)) {
        html = QString::fromUtf8(f.readAll());
    } else {
        QFile fallback(QStringLiteral(":/certdesk/help/help_en.html"));
        if (fallback.open(QIODevice::ReadOnly))
            html = QString::fromUtf8(fallback.readAll());
    }
    // The contact channels come from the one place that holds them (domain/CaContact).
    return html.replace(QLatin1String("{hotline}"), caHotline())
        .replace(QLatin1String("{website}"), caWebsite())
        .replace(QLatin1String("{wechat}"), caWeChatAccount());
}

HelpDialog::HelpDialog(QWidget* parent, const QString& anchor)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("Help and FAQ"));
    auto* text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("helpText"));
    text->setAccessibleName(tr("Help and FAQ"));
    text->setHtml(helpHtml());
    if (!anchor.isEmpty())
        text->scrollToAnchor(anchor);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(640, 560);
}

} // namespace certdesk::ui
