#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

class QComboBox;
class QScrollArea;

namespace certdesk::ui {

class CentreSession;

// A live, scaled picture of a printed form (what the printer will get), painted with core/print.
class FormPreview : public QWidget
{
    Q_OBJECT
public:
    explicit FormPreview(CentreSession* session, QWidget* parent = nullptr);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    CentreSession* m_session;
};

// 打印申请书 (guide step 5): the authorization letter (申请表) filled from the application, with
// print preview, print and save as PDF, and the 电子印章采集表 template (模板下载). Printing and file
// choosing go through the session's PrintService and FileChooser; in kiosk mode nothing is saved to files.
class LetterPage : public QWidget
{
    Q_OBJECT
public:
    explicit LetterPage(CentreSession* session, QWidget* parent = nullptr);

    [[nodiscard]] QString statusText() const;

    // How large the on-screen form is: the whole sheet in the window, the sheet as wide as the window
    // (scrolling down), or at 100 % / 150 % of its printed size. Page width by default: on a 1366×768 screen
    // the whole sheet is too small to read.
    enum class Zoom
    {
        WholePage,
        PageWidth,
        Actual,
        Large
    };
    void setZoom(Zoom zoom);
    [[nodiscard]] Zoom zoom() const { return m_zoom; }
    [[nodiscard]] QSize previewSize() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

public Q_SLOTS:
    void previewLetter();
    void printLetter();
    // Returns the path written, empty when cancelled or failed.
    QString saveLetterPdf();
    QString saveESealTemplate();

Q_SIGNALS:
    void nextRequested();

private:
    void updateFromApplication();
    void setStatus(const QString& text, bool error);
    void layoutPreview();

    CentreSession* m_session;
    QLabel* m_intro;
    FormPreview* m_preview;
    QScrollArea* m_scroll;
    QComboBox* m_zoomBox;
    Zoom m_zoom = Zoom::PageWidth;
    QLabel* m_status;
    QPushButton* m_previewButton;
    QPushButton* m_printButton;
    QPushButton* m_saveButton;
    QPushButton* m_templateButton;
    QPushButton* m_next;
};

} // namespace certdesk::ui
