#pragma once

#include "wizard/ApplicationPage.h"

class QLabel;
class QPushButton;
class QTextBrowser;

namespace certdesk::ui {

// Last step before submission: everything entered, once more, and 提交申请. A 422 from the service takes the
// person back to the first bad field; a telecom real-name mismatch offers the FAQ right there.
class ReviewPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit ReviewPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override { return -1; }
    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;

    void submit();

Q_SIGNALS:
    void realNameHelpRequested();

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application&) const override { }

private:
    QTextBrowser* m_summary;
    QPushButton* m_submit;
    QLabel* m_status;
    bool m_busy = false;
};

} // namespace certdesk::ui
