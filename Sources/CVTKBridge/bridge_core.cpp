// Objects, module initialisation, logging and error counting.
#include "bridge_internal.h"

#include <vtkAutoInit.h>
#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkLogger.h>
#include <vtkMath.h>
#include <vtkObject.h>
#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkTimerLog.h>
#include <vtkNew.h>
#include <vtkVersion.h>

#include <atomic>
#include <string>

// Without CMake's generated module initialisers the object factories are empty and
// vtkRenderWindow::New() returns a base object that crashes on first render.
VTK_MODULE_INIT(vtkRenderingOpenGL2);
VTK_MODULE_INIT(vtkInteractionStyle);
VTK_MODULE_INIT(vtkRenderingFreeType);
// vtkContextDevice2D::New() is empty without it: a vtkContextView would draw nothing.
VTK_MODULE_INIT(vtkRenderingContextOpenGL2);

namespace {

std::atomic<int64_t> liveHandles{0};
std::atomic<int64_t> errorCount{0};
std::atomic<int64_t> warningCount{0};

/// The last failure on this thread. Only failures write it, so the success path costs nothing.
struct LastError {
  std::string function;
  std::string message;
};
thread_local LastError lastError;

/// Prints VTK's errors as usual and counts them, so tests can assert none happened; counts
/// warnings and drops them. (vtkObject::GlobalWarningDisplayOff would drop the errors too: in
/// vtkSetGet.h both vtkErrorMacro and vtkWarningMacro test the same global flag.)
class CountingOutputWindow : public vtkOutputWindow {
public:
  static CountingOutputWindow *New();
  vtkTypeMacro(CountingOutputWindow, vtkOutputWindow);
  void DisplayErrorText(const char *text) override {
    errorCount++;
    vtkOutputWindow::DisplayErrorText(text);
  }
  void DisplayWarningText(const char *) override { warningCount++; }
  void DisplayGenericWarningText(const char *) override { warningCount++; }
};
vtkStandardNewMacro(CountingOutputWindow);

/// Runs once when the bridge is loaded: quiet VTK 9.1's per-render deprecation chatter (logged
/// through vtkLogger and as warnings), keep errors visible, install the counting output window.
struct BridgeStartup {
  BridgeStartup() {
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_ERROR);
    CountingOutputWindow *w = CountingOutputWindow::New();
    vtkOutputWindow::SetInstance(w);
    w->Delete();
  }
} startup;

} // namespace

void vtkb::countHandle() { liveHandles++; }

vtkb_status vtkb::fail(vtkb_status code, const char *function, std::string message) {
  lastError.function = function;
  lastError.message = std::move(message);
  return code;
}

vtkb_status vtkb::badHandle(const char *function, const std::string &param, const char *expected,
                            vtkObjectBase *actual) {
  if (!actual) return fail(VTKB_ERR_NULL_HANDLE, function, param + " is NULL, not a " + expected);
  return fail(VTKB_ERR_WRONG_CLASS, function, param + " is a " + actual->GetClassName() + ", not a " + expected);
}

extern "C" {

const char *vtkb_last_error(void) { return lastError.message.c_str(); }

const char *vtkb_last_error_function(void) { return lastError.function.c_str(); }

void vtkb_release(vtkb_object obj) {
  if (!obj) return;
  liveHandles--;
  vtkb::object(obj)->UnRegister(nullptr);
}

const char *vtkb_class_name(vtkb_object obj) { return obj ? vtkb::object(obj)->GetClassName() : "NULL"; }

int vtkb_is_a(vtkb_object obj, const char *class_name) { return obj ? vtkb::object(obj)->IsA(class_name) : 0; }

int vtkb_reference_count(vtkb_object obj) { return obj ? vtkb::object(obj)->GetReferenceCount() : 0; }

int64_t vtkb_live_handles(void) { return liveHandles.load(); }

const char *vtkb_version(void) { return vtkVersion::GetVTKVersion(); }

void vtkb_random_seed(int seed) { vtkMath::RandomSeed(seed); }

double vtkb_universal_time(void) { return vtkTimerLog::GetUniversalTime(); }

int64_t vtkb_error_count(void) { return errorCount.load(); }

int64_t vtkb_warning_count(void) { return warningCount.load(); }

vtkb_status vtkb_object_add_observer(vtkb_object obj, const char *event, vtkb_observer callback, void *client) {
  VTKB_CAST(vtkObject, o, obj);
  const unsigned long id = vtkCommand::GetEventIdFromString(event);
  if (id == vtkCommand::NoEvent)
    return vtkb::fail(VTKB_ERR_FAILED, __func__, std::string("no vtkCommand event named ") + (event ? event : "NULL"));
  // vtkCallbackCommand hands the observer its own ClientData; ours carries both the Swift
  // callback and the Swift client pointer.
  struct Target {
    vtkb_observer callback;
    void *client;
  };
  vtkNew<vtkCallbackCommand> command;
  command->SetClientData(new Target{callback, client});
  command->SetClientDataDeleteCallback([](void *t) { delete static_cast<Target *>(t); });
  command->SetCallback([](vtkObject *caller, unsigned long, void *t, void *) {
    const Target *target = static_cast<Target *>(t);
    target->callback(reinterpret_cast<vtkb_object>(static_cast<vtkObjectBase *>(caller)), target->client);
  });
  o->AddObserver(id, command);
  return VTKB_OK;
}

} // extern "C"
