#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace certdesk {
class DraftStore;
class SubmissionStore;
namespace api {
class ApiClient;
}
} // namespace certdesk

namespace certdesk::ui {

// The first screen: start a new application, continue a saved draft, get help.
class HomePage : public QWidget
{
    Q_OBJECT
public:
    HomePage(DraftStore* drafts, QWidget* parent = nullptr);

    // Re-reads the drafts list (after the wizard saved or a draft was removed).
    void refresh();

    // Shows the "track an application" list: the submitted applications recorded in `submissions` for the
    // service at `serverUrl` (all when empty), each with its status asked from `api` (may be null: no
    // status). Null `submissions` hides the list (kiosk).
    void setSubmissions(SubmissionStore* submissions, api::ApiClient* api, const QString& serverUrl);

Q_SIGNALS:
    void newApplicationRequested();
    void resumeRequested(const QString& draftId);
    void helpRequested();
    // 个人中心: sign in with the mobile number to continue applications submitted anywhere.
    void applicantCentreRequested();
    // Open the application centre of a submitted application.
    void trackRequested(const QString& applicationId);

private:
    DraftStore* m_drafts;
    QListWidget* m_list;
    QPushButton* m_resume;
    QPushButton* m_remove;
    // Submitted applications (application centre).
    void refreshSubmissions();
    SubmissionStore* m_submissions = nullptr;
    api::ApiClient* m_api = nullptr;
    QString m_serverUrl;
    QWidget* m_trackBox = nullptr;
    QListWidget* m_trackList = nullptr;
    QPushButton* m_track = nullptr;
    int m_trackGeneration = 0;
};

} // namespace certdesk::ui
