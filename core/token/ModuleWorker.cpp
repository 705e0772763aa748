#include "token/ModuleWorker.h"

#include <QFileInfo>
#include <QHash>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace certdesk::token {

namespace {

struct Worker
{
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> queue;
    int pending = 0; // queued plus running

    void run()
    {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock<std::mutex> lock(mutex);
                wake.wait(lock, [this] { return !queue.empty(); });
                task = std::move(queue.front());
                queue.pop_front();
            }
            task();
            task = nullptr; // the captures (PIN copies among them) go before the next task
            std::lock_guard<std::mutex> lock(mutex);
            --pending;
        }
    }
};

struct Workers
{
    std::mutex mutex;
    QHash<QString, Worker*> byModule;
};

// Never destroyed, like the workers and their threads: a thread stuck in a module at exit must find its
// queue still there (the process ends around it).
Workers& workers()
{
    static auto* instance = new Workers; // NOLINT(cppcoreguidelines-owning-memory): intentionally leaked
    return *instance;
}

// The same file under another name (a symbolic link, a relative path) is the same module, as in ModuleLoader.
QString moduleKey(const QString& path)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return canonical.isEmpty() ? path : canonical;
}

Worker& workerFor(const QString& modulePath)
{
    Workers& all = workers();
    std::lock_guard<std::mutex> lock(all.mutex);
    const QString key = moduleKey(modulePath);
    Worker*& worker = all.byModule[key];
    if (!worker) {
        worker = new Worker; // NOLINT(cppcoreguidelines-owning-memory): lives as long as the process
        std::thread([w = worker] { w->run(); }).detach();
    }
    return *worker;
}

} // namespace

void ModuleWorkers::post(const QString& modulePath, std::function<void()> task)
{
    Worker& worker = workerFor(modulePath);
    {
        std::lock_guard<std::mutex> lock(worker.mutex);
        worker.queue.push_back(std::move(task));
        ++worker.pending;
    }
    worker.wake.notify_one();
}

int ModuleWorkers::pending(const QString& modulePath)
{
    Worker* worker = nullptr;
    {
        Workers& all = workers();
        std::lock_guard<std::mutex> lock(all.mutex);
        worker = all.byModule.value(moduleKey(modulePath));
    }
    if (!worker)
        return 0;
    std::lock_guard<std::mutex> lock(worker->mutex);
    return worker->pending;
}

QString moduleNotAnsweringMessage()
{
    return QCoreApplication::translate("certdesk::Token",
        "The UKey or its driver is not answering. Unplug the UKey and plug it in again, then retry; or "
        "cancel.");
}

} // namespace certdesk::token
