#pragma once

#include "centre/CentreServices.h"

namespace certdesk::ui {

// QFileDialog; starts in the Documents folder the first time, then where the person last was.
class QtFileChooser final : public FileChooser
{
public:
    [[nodiscard]] QString openFile(
        QWidget* parent, const QString& title, const QStringList& nameFilters) override;
    [[nodiscard]] QString saveFile(QWidget* parent, const QString& title, const QString& suggestedName,
        const QString& nameFilter) override;

private:
    QString m_lastDirectory;
};

// QPrintPreviewDialog and QPrintDialog on a high-resolution QPrinter (A4, portrait).
class QtPrintService final : public PrintService
{
public:
    [[nodiscard]] Outcome preview(QWidget* parent, const print::PrintedForm& form) override;
    [[nodiscard]] Outcome print(QWidget* parent, const print::PrintedForm& form) override;
};

// QMessageBox and QDesktopServices.
class QtNotifier final : public Notifier
{
public:
    void information(QWidget* parent, const QString& title, const QString& text) override;
    void warning(QWidget* parent, const QString& title, const QString& text) override;
    [[nodiscard]] bool confirm(QWidget* parent, const QString& title, const QString& text) override;
    bool openUrl(const QUrl& url) override;
};

} // namespace certdesk::ui
