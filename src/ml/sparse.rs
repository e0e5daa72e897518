//! Compressed sparse row (CSR) matrices: the feature matrix that the models fit on.
//!
//! TF-IDF rows keep only their non-zero entries, a small share of the vocabulary, so
//! a fit costs time in proportion to those entries. Dense features (image pixels) fit
//! the same layout with every entry stored.

use crate::ml::features::SparseRow;
use ndarray::{Array2, ArrayView2};

/// A row-major sparse matrix. Row `i` consists of the entries
/// `indptr[i]..indptr[i + 1]` of `indices` (column numbers) and `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<usize>,
    values: Vec<f64>,
}

impl CsrMatrix {
    /// Builds the matrix from sparse rows, dropping entries at columns `>= n_cols`.
    pub fn from_rows(rows: &[SparseRow], n_cols: usize) -> CsrMatrix {
        let n_entries = rows.iter().map(Vec::len).sum();
        let mut matrix = CsrMatrix {
            n_cols,
            indptr: Vec::with_capacity(rows.len() + 1),
            indices: Vec::with_capacity(n_entries),
            values: Vec::with_capacity(n_entries),
        };
        matrix.indptr.push(0);
        for row in rows {
            for &(column, value) in row.iter().filter(|&&(column, _)| column < n_cols) {
                matrix.indices.push(column);
                matrix.values.push(value);
            }
            matrix.indptr.push(matrix.indices.len());
        }
        matrix
    }

    /// Builds the matrix from a dense array, storing every entry, zeros included.
    pub fn from_dense(dense: ArrayView2<'_, f64>) -> CsrMatrix {
        let (n_rows, n_cols) = dense.dim();
        let mut matrix = CsrMatrix {
            n_cols,
            indptr: Vec::with_capacity(n_rows + 1),
            indices: Vec::with_capacity(n_rows * n_cols),
            values: Vec::with_capacity(n_rows * n_cols),
        };
        matrix.indptr.push(0);
        for row in dense.rows() {
            matrix.indices.extend(0..n_cols);
            matrix.values.extend(row.iter());
            matrix.indptr.push(matrix.indices.len());
        }
        matrix
    }

    /// Returns the dense `n_rows × n_cols` copy.
    pub fn to_dense(&self) -> Array2<f64> {
        let mut dense = Array2::zeros((self.n_rows(), self.n_cols));
        for i in 0..self.n_rows() {
            let (columns, values) = self.row(i);
            for (&column, &value) in columns.iter().zip(values) {
                dense[[i, column]] = value;
            }
        }
        dense
    }

    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored entries.
    pub fn n_stored(&self) -> usize {
        self.values.len()
    }

    /// Returns the column numbers and values of row `i`.
    ///
    /// # Panics
    /// When `i >= n_rows()`.
    pub fn row(&self, i: usize) -> (&[usize], &[f64]) {
        let range = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[range.clone()], &self.values[range])
    }

    /// Returns true when every stored value is finite and at least 0.
    pub fn is_non_negative(&self) -> bool {
        self.values.iter().all(|v| v.is_finite() && *v >= 0.0)
    }

    /// Returns true when every stored value is finite.
    pub fn is_finite(&self) -> bool {
        self.values.iter().all(|v| v.is_finite())
    }
}

impl linfa::dataset::Records for CsrMatrix {
    type Elem = f64;

    fn nsamples(&self) -> usize {
        self.n_rows()
    }

    fn nfeatures(&self) -> usize {
        self.n_cols
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rows_round_trip_through_dense() {
        let rows = vec![vec![(0, 1.0), (2, 3.0)], vec![], vec![(1, -2.0)]];
        let matrix = CsrMatrix::from_rows(&rows, 3);
        assert_eq!(matrix.n_rows(), 3);
        assert_eq!(matrix.n_stored(), 3);
        assert_eq!(matrix.row(1), (&[][..], &[][..]));
        assert_eq!(matrix.to_dense(), array![[1.0, 0.0, 3.0], [0.0, 0.0, 0.0], [0.0, -2.0, 0.0]]);
    }

    #[test]
    fn dense_keeps_every_entry() {
        let dense = array![[0.0, 1.0], [2.0, 0.0]];
        let matrix = CsrMatrix::from_dense(dense.view());
        assert_eq!(matrix.n_stored(), 4);
        assert_eq!(matrix.row(0), (&[0, 1][..], &[0.0, 1.0][..]));
        assert_eq!(matrix.to_dense(), dense);
    }

    #[test]
    fn columns_past_width_dropped() {
        let matrix = CsrMatrix::from_rows(&[vec![(0, 1.0), (5, 1.0)]], 2);
        assert_eq!(matrix.row(0), (&[0][..], &[1.0][..]));
    }
}
