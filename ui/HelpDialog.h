#pragma once

#include <QDialog>

namespace certdesk::ui {

// The guide's FAQ and the CA's contact channels, one click away from every page. `anchor` scrolls to a topic
// (e.g. "realname" next to a realname_mismatch error).
class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget* parent = nullptr, const QString& anchor = {});
    // The help text for the current UI language (HTML from resources).
    [[nodiscard]] static QString helpHtml();
};

} // namespace certdesk::ui
