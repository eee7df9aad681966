// Image files.
#include "bridge_internal.h"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>

extern "C" {

int vtkb_png_read(const char *path, int *width, int *height, uint8_t *out) {
  vtkNew<vtkPNGReader> reader;
  if (!reader->CanReadFile(path)) return 0;
  reader->SetFileName(path);
  reader->Update();
  vtkImageData *image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  const int components = image->GetNumberOfScalarComponents();
  if (image->GetScalarType() != VTK_UNSIGNED_CHAR || (components != 3 && components != 4)) return 0;
  *width = dims[0];
  *height = dims[1];
  if (!out) return 1;
  const unsigned char *in = static_cast<const unsigned char *>(image->GetScalarPointer());
  const size_t n = size_t(dims[0]) * dims[1];
  for (size_t i = 0; i < n; i++) {
    for (int c = 0; c < 3; c++) out[4 * i + c] = in[components * i + c];
    out[4 * i + 3] = components == 4 ? in[components * i + 3] : 255;
  }
  return 1;
}

} // extern "C"
