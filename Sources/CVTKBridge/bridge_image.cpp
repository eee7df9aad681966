// Image files.
#include "bridge_internal.h"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>

#include <cstring>
#include <string>

extern "C" {

vtkb_status vtkb_png_read(const char *path, int *width, int *height, int *components, uint8_t *out,
                          int64_t capacity) {
  vtkNew<vtkPNGReader> reader;
  if (!reader->CanReadFile(path))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, std::string(path) + " is not a readable PNG file");
  reader->SetFileName(path);
  reader->Update();
  vtkImageData *image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  const int n = image->GetNumberOfScalarComponents();
  if (image->GetScalarType() != VTK_UNSIGNED_CHAR || (n != 3 && n != 4))
    return vtkb::fail(VTKB_ERR_FAILED, __func__, std::string(path) + " is not an 8-bit RGB or RGBA PNG");
  *width = dims[0];
  *height = dims[1];
  *components = n;
  if (!out) return VTKB_OK;
  const int64_t bytes = int64_t(n) * dims[0] * dims[1];
  if (bytes > capacity)
    return vtkb::fail(VTKB_ERR_FAILED, __func__,
                      std::string(path) + " needs " + std::to_string(bytes) + " bytes, the buffer has " +
                          std::to_string(capacity));
  std::memcpy(out, image->GetScalarPointer(), size_t(bytes));
  return VTKB_OK;
}

} // extern "C"
