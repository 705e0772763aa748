#pragma once

#include "wizard/ApplicationPage.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace certdesk::ui {

// Step 1: the service agreement and the warning that the old certificate is revoked after the upgrade, so bid
// documents already encrypted to it can no longer be decrypted. Both must be acknowledged; the time of the
// acknowledgement and the version of the agreement text shown (GET /agreement, as the CA publishes it) are
// stored with the application. The agreement can be accepted only once its text has been shown; a draft
// accepted under another version must accept the text shown now.
class AgreementPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit AgreementPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;
    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    // The version of the agreement text on show; empty until it has been fetched.
    [[nodiscard]] QString shownVersion() const { return m_version; }

Q_SIGNALS:
    // The agreement's text arrived (or could not be fetched).
    void agreementLoaded();

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;
    void showExtraError(const QString& apiPath, const QString& message) override;

private:
    void fetch();
    void updateEnabled();

    QTextBrowser* m_text;
    QLabel* m_versionLabel;
    QLabel* m_sample;
    QPushButton* m_retry;
    QString m_version;
    bool m_fetching = false;
    QCheckBox* m_agreement;
    QCheckBox* m_revocation;
    QLabel* m_agreementError;
    QLabel* m_revocationError;
};

} // namespace certdesk::ui
