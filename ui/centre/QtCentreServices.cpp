#include "centre/QtCentreServices.h"

#include "print/PrintedForm.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QStandardPaths>

namespace certdesk::ui {

namespace {

QString startDirectory(const QString& last)
{
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace

QString QtFileChooser::openFile(QWidget* parent, const QString& title, const QStringList& nameFilters)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, title, startDirectory(m_lastDirectory), nameFilters.join(QStringLiteral(";;")));
    if (!path.isEmpty())
        m_lastDirectory = QFileInfo(path).absolutePath();
    return path;
}

QString QtFileChooser::saveFile(
    QWidget* parent, const QString& title, const QString& suggestedName, const QString& nameFilter)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, title, QDir(startDirectory(m_lastDirectory)).filePath(suggestedName), nameFilter);
    if (!path.isEmpty())
        m_lastDirectory = QFileInfo(path).absolutePath();
    return path;
}

PrintService::Outcome QtPrintService::preview(QWidget* parent, const print::PrintedForm& form)
{
    if (print::PrintResult valid = form.validate(); !valid)
        return {valid, false};
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(form.title());
    QPrintPreviewDialog dialog(&printer, parent);
    dialog.setWindowTitle(form.title());
    print::PrintResult result;
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog,
        [&form, &result](QPrinter* target) { result = form.print(*target); });
    const bool printed = dialog.exec() == QDialog::Accepted;
    return {result, printed && result.ok()};
}

PrintService::Outcome QtPrintService::print(QWidget* parent, const print::PrintedForm& form)
{
    if (print::PrintResult valid = form.validate(); !valid)
        return {valid, false};
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(form.title());
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(form.title());
    if (dialog.exec() != QDialog::Accepted)
        return {{}, false};
    print::PrintResult result = form.print(printer);
    return {result, result.ok()};
}

void QtNotifier::information(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::information(parent, title, text);
}

void QtNotifier::warning(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::warning(parent, title, text);
}

bool QtNotifier::confirm(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

bool QtNotifier::openUrl(const QUrl& url)
{
    return QDesktopServices::openUrl(url);
}

} // namespace certdesk::ui
